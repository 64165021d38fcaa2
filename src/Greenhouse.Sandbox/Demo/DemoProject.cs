using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Sandbox.Demo;

/// <summary>
/// The sandbox business's dbt project (<c>sandbox_shop</c>: staging views per vendor, <c>fct_mrr</c>,
/// <c>dim_customers</c>, a seed of older FX rates), written once for SQLite and PostgreSQL. It ships inside this
/// assembly, so an installed tool has it too, and is written out to a folder before it is built.
/// </summary>
public static class DemoProject
{
    /// <summary>The project's <c>name</c> in its dbt_project.yml.</summary>
    public const string Name = "sandbox_shop";

    private const string ResourcePrefix = "DemoProject/";

    /// <summary>The files of the project, as paths relative to its root (<c>models/marts/fct_mrr.sql</c>).</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        .. typeof(DemoProject).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Writes the project's files into <paramref name="folder"/> (replacing files of the same names) and returns the folder, absolute.</summary>
    public static string WriteTo(string folder)
    {
        var root = Path.GetFullPath(folder);
        var assembly = typeof(DemoProject).Assembly;
        foreach (var file in Files)
        {
            var path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = assembly.GetManifestResourceStream(ResourcePrefix + file)
                ?? assembly.GetManifestResourceStream(ResourcePrefix + file.Replace('/', '\\'))
                ?? throw new InvalidOperationException($"The demo project's {file} is missing from {assembly.GetName().Name}.");
            using var output = File.Create(path);
            resource.CopyTo(output);
        }

        return root;
    }

    /// <summary>
    /// Loads and parses the project in <paramref name="folder"/> for <paramref name="config"/>'s streams: models in
    /// <paramref name="targetSchema"/>, "this month" being <paramref name="runStartedAt"/>'s.
    /// </summary>
    public static CompiledProject Parse(string folder, GreenhouseConfig config, IWarehouse warehouse, DateTimeOffset runStartedAt,
        string targetSchema = CompileSettings.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(warehouse);
        return ProjectCompiler.Parse(ProjectLoader.Load(folder), warehouse, new CompileSettings
        {
            TargetSchema = targetSchema,
            RawSchema = config.Schema,
            Streams = [.. SyncPlan.For(config).Streams],
            RunStartedAt = runStartedAt,
            Threads = warehouse.Dialect.ParallelWrites ? TransformRunner.DefaultThreads : 1,
        });
    }
}
