using Greenhouse.Config;

namespace Greenhouse.Transform;

/// <summary>
/// Reads <c>transform:</c>: a folder (<c>transform: ./transform</c>) or a mapping
/// (<c>transform: {project: ./transform, schedule: "30 * * * *", target: prod, schema: analytics}</c>).
/// </summary>
internal static class TransformConfigReader
{
    public static TransformConfig? Read(ConfigSection root)
    {
        if (root.Entry("transform") is not { } entry)
        {
            return null;
        }

        return entry.IsMapping
            ? entry.Read("expected a folder, or project:, schedule:, target: and schema:", section => new TransformConfig(
                Folder(section.Directory, section.RequiredText("project", "required: the dbt project's folder, relative to this file")),
                section.Cron("schedule"),
                section.Text("target"),
                section.Entry("schema")?.Check(ConfigNames.IsIdentifier, _ => "is not a plain lower-case identifier (letters, digits, underscores)") ?? Compiling.CompileSettings.DefaultSchema))
            : new TransformConfig(Folder(root.Directory, entry.Text()), null, null);
    }

    private static string Folder(string directory, string path) => Path.GetFullPath(Path.Combine(directory, path));
}
