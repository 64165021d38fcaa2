using Greenhouse.Config;
using Greenhouse.Transform.Templates;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Transform.Project;

/// <summary>
/// Reads a dbt project's folder: <c>dbt_project.yml</c>, the model, seed, test and macro files, <c>{% docs %}</c> blocks
/// and properties files. Errors name the file (with line and column) and what is wrong; nothing is rendered here.
/// </summary>
public static class ProjectLoader
{
    public const string ProjectFileName = "dbt_project.yml";

    /// <summary>dbt_project.yml keys Greenhouse reads.</summary>
    private static readonly string[] ReadKeys =
    [
        "name", "version", "config-version", "profile", "model-paths", "source-paths", "seed-paths", "data-paths",
        "test-paths", "macro-paths", "docs-paths", "target-path", "vars", "models", "seeds", "tests", "data_tests",
        "require-dbt-version", "clean-targets", "analysis-paths", "snapshot-paths", "asset-paths", "log-path",
        "packages-install-path", "quoting", "dispatch", "flags", "query-comment", "dbt-cloud", "sources",
    ];

    /// <summary>dbt_project.yml keys of dbt features Greenhouse does not run: refused rather than silently ignored.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["on-run-start"] = "Greenhouse does not run on-run-start hooks; put the SQL in a model or a check",
        ["on-run-end"] = "Greenhouse does not run on-run-end hooks; put the SQL in a model or a check",
        ["snapshots"] = "Greenhouse does not build snapshots; landed rows keep their history in _gh_raw and _gh_first_seen_at",
        ["semantic-models"] = "Greenhouse has no semantic layer",
        ["metrics"] = "Greenhouse has no semantic layer",
        ["saved-queries"] = "Greenhouse has no semantic layer",
    };

    /// <summary>Reads the project in <paramref name="root"/>. Throws <see cref="ProjectException"/> naming the file and problem.</summary>
    public static DbtProject Load(string root)
    {
        root = Path.GetFullPath(root);
        var projectFile = Path.Combine(root, ProjectFileName);
        if (!File.Exists(projectFile))
        {
            throw new ProjectException(Directory.Exists(root)
                ? $"{root}: no {ProjectFileName} here, so this is not a dbt project. Run `greenhouse transform init` to write a starter project."
                : $"{root}: the transform project's folder does not exist. Run `greenhouse transform init` to write a starter project.");
        }

        var yaml = ProjectYaml.Load(projectFile, ProjectFileName);
        var top = yaml.Root ?? throw yaml.Error("name", "the file is empty; it needs at least `name:`.");
        foreach (var (key, keyNode, _) in ProjectYaml.Entries(top))
        {
            if (Unsupported.TryGetValue(key, out var why))
            {
                throw yaml.Error(keyNode, key, why + ".");
            }

            if (!ReadKeys.Contains(key))
            {
                throw yaml.Error(keyNode, key, $"not a dbt_project.yml key.{DidYouMean.Hint(key, ReadKeys)}");
            }
        }

        var name = yaml.Text(top, "name", "name") ?? throw yaml.Error("name", "missing; dbt_project.yml needs the project's name.");
        if (!SqlName(name))
        {
            throw yaml.Error(ProjectYaml.Child(top, "name")!, "name", $"'{name}' is not a project name: letters, digits and _, not starting with a digit.");
        }

        var modelPaths = Paths(yaml, top, root, "models", "model-paths", "source-paths");
        var seedPaths = Paths(yaml, top, root, "seeds", "seed-paths", "data-paths");
        var testPaths = Paths(yaml, top, root, "tests", "test-paths");
        var macroPaths = Paths(yaml, top, root, "macros", "macro-paths");
        var docsPaths = yaml.Texts(top, "docs-paths", "docs-paths");
        var warnings = new List<string>();
        CheckPackages(root);

        var models = Files(root, modelPaths, ".sql");
        var seeds = Files(root, seedPaths, ".csv");
        var tests = Files(root, testPaths, ".sql");
        var singular = tests.Where(f => f.Folders is not ["generic", ..]).ToList();
        var macroFiles = Files(root, macroPaths, ".sql").Concat(tests.Where(f => f.Folders is ["generic", ..])).Select(ParseTemplate).ToList();
        CheckUnique([.. models, .. seeds]);

        var docs = new Dictionary<string, TemplateMacro>(StringComparer.Ordinal);
        foreach (var file in Files(root, docsPaths.Count > 0 ? docsPaths : [.. modelPaths, .. seedPaths, .. testPaths, .. macroPaths], ".md"))
        {
            foreach (var block in ParseTemplate(file).Macros.Where(m => m.Kind == TemplateMacroKind.Docs))
            {
                if (!docs.TryAdd(block.Name, block))
                {
                    throw new ProjectException($"{file.Path}:{block.Line}: a docs block named '{block.Name}' is defined twice (also in {docs[block.Name].FileName}:{docs[block.Name].Line}).");
                }
            }
        }

        var properties = new PropertiesReader(warnings);
        string[] propertyPaths = [.. modelPaths, .. seedPaths, .. testPaths, .. macroPaths];
        foreach (var file in Files(root, propertyPaths, ".yml").Concat(Files(root, propertyPaths, ".yaml")))
        {
            properties.Read(ProjectYaml.Load(file.FullPath, file.Path));
        }

        var versionFiles = VersionFiles(properties.Models.Values, models);
        warnings.AddRange(properties.Models.Values.Where(p => p.Versions.Count == 0 && models.All(m => m.Name != p.Name))
            .Select(p => $"{p.File}: properties for a model '{p.Name}', but there is no models/**/{p.Name}.sql."));
        warnings.AddRange(properties.Seeds.Values.Where(p => seeds.All(s => s.Name != p.Name))
            .Select(p => $"{p.File}: properties for a seed '{p.Name}', but there is no {p.Name}.csv in the seed paths."));

        return new DbtProject
        {
            Root = root,
            Name = name,
            ModelPaths = modelPaths,
            SeedPaths = seedPaths,
            TestPaths = testPaths,
            MacroPaths = macroPaths,
            TargetPath = yaml.Text(top, "target-path", "target-path") ?? "target",
            Vars = yaml.Mapping(top, "vars", "vars") is { } vars ? ProjectYaml.Dictionary(vars) : new TemplateDictionary(),
            ModelConfigs = ConfigTree.Read(yaml, yaml.Mapping(top, "models", "models"), "models"),
            SeedConfigs = ConfigTree.Read(yaml, yaml.Mapping(top, "seeds", "seeds"), "seeds"),
            TestConfigs = ConfigTree.Read(yaml, yaml.Mapping(top, "data_tests", "data_tests") ?? yaml.Mapping(top, "tests", "tests"), "tests"),
            Models = models,
            Seeds = seeds,
            SingularTests = singular,
            MacroFiles = macroFiles,
            Docs = docs,
            ModelProperties = properties.Models,
            ModelVersionsByFile = versionFiles,
            SeedProperties = properties.Seeds,
            TestProperties = properties.Tests,
            Sources = properties.Sources,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Which file defines each version of the versioned models: <c>defined_in</c>, else <c>&lt;model&gt;_v&lt;v&gt;.sql</c>;
    /// the latest version may also be the unsuffixed <c>&lt;model&gt;.sql</c> when there is no
    /// <c>&lt;model&gt;_v&lt;latest&gt;.sql</c> (dbt 1.5's convention). A version without its file, or an unsuffixed file
    /// that is none of the versions, is an error.
    /// </summary>
    private static Dictionary<string, ModelVersion> VersionFiles(IEnumerable<NodeProperties> models, List<ProjectFile> files)
    {
        var byFile = new Dictionary<string, ModelVersion>(StringComparer.Ordinal);
        foreach (var model in models.Where(m => m.Versions.Count > 0))
        {
            foreach (var version in model.Versions)
            {
                var expected = version.DefinedIn ?? $"{model.Name}_v{version.Version}";
                var file = files.FirstOrDefault(f => f.Name == expected)
                    ?? (version.DefinedIn is null && version.Version == model.LatestVersion ? files.FirstOrDefault(f => f.Name == model.Name) : null);
                if (file is null)
                {
                    throw new ProjectException(version.DefinedIn is null
                        ? $"{version.Location}: models.{model.Name}.versions.v{version.Version}: no file defines version {version.Version} of '{model.Name}': write models/**/{expected}.sql{(version.Version == model.LatestVersion ? $" (or {model.Name}.sql, as it is the latest)" : "")}, or name the file with defined_in:."
                        : $"{version.Location}: models.{model.Name}.versions.v{version.Version}.defined_in: there is no models/**/{expected}.sql for version {version.Version} of '{model.Name}'.");
                }

                if (byFile.TryGetValue(file.Path, out var other))
                {
                    throw new ProjectException($"{version.Location}: models.{model.Name}.versions.v{version.Version}: {file.Path} defines version {other.Version} of '{other.Properties.Name}' already; each version needs a file of its own.");
                }

                byFile[file.Path] = version;
            }

            if (files.FirstOrDefault(f => f.Name == model.Name) is { } unsuffixed && !byFile.ContainsKey(unsuffixed.Path))
            {
                throw new ProjectException(
                    $"{unsuffixed.Path}: '{model.Name}' is a versioned model ({model.File}), and this file defines none of its versions ({string.Join(", ", model.Versions.Select(v => v.Version))}); "
                    + $"rename it to {model.Name}_v<version>.sql, or name it in a version's defined_in:.");
            }
        }

        return byFile;
    }

    internal static bool SqlName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static Template ParseTemplate(ProjectFile file)
    {
        var text = File.ReadAllText(file.FullPath);
        return Template.Parse(text, file.Path);
    }

    /// <summary>A paths key (or its older name), each folder relative to the root and inside it.</summary>
    private static IReadOnlyList<string> Paths(ProjectYaml yaml, YamlMappingNode top, string root, string fallback, string key, string? olderKey = null)
    {
        var usedKey = ProjectYaml.Child(top, key) is not null || olderKey is null ? key : olderKey;
        var paths = yaml.Texts(top, usedKey, usedKey);
        if (paths.Count == 0)
        {
            return [fallback];
        }

        foreach (var path in paths)
        {
            var full = Path.GetFullPath(Path.Combine(root, path));
            if (Path.IsPathRooted(path) || !(full + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw yaml.Error(ProjectYaml.Child(top, usedKey)!, usedKey, $"'{path}' is not a folder inside the project; paths are relative to {ProjectFileName}.");
            }
        }

        return [.. paths.Select(p => p.Replace('\\', '/').TrimEnd('/'))];
    }

    /// <summary>The files with <paramref name="extension"/> under the folders, sorted by path (ordinal), so runs are deterministic.</summary>
    private static List<ProjectFile> Files(string root, IEnumerable<string> folders, string extension)
    {
        var files = new List<ProjectFile>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(full, "*" + extension, SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                var inFolder = Path.GetRelativePath(full, path).Replace('\\', '/').Split('/');
                if (relative.Split('/').Any(part => part.StartsWith('.')) || !path.EndsWith(extension, StringComparison.Ordinal))
                {
                    continue;
                }

                files.Add(new ProjectFile(relative, path, inFolder[..^1]));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static void CheckUnique(List<ProjectFile> files)
    {
        foreach (var group in files.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new ProjectException(
                $"two nodes are named '{group.Key}' ({string.Join(" and ", group.Select(f => f.Path))}); model and seed names must be unique in a project. Rename one.");
        }

        foreach (var file in files.Where(f => !SqlName(f.Name)))
        {
            throw new ProjectException($"{file.Path}: '{file.Name}' is not a node name: letters, digits and _, not starting with a digit. Rename the file.");
        }
    }

    /// <summary>
    /// <c>packages.yml</c>/<c>dependencies.yml</c>: dbt_utils is built in, so listing it is fine; any other package
    /// would need <c>dbt deps</c> and the internet, and is refused by name.
    /// </summary>
    private static void CheckPackages(string root)
    {
        foreach (var fileName in new[] { "packages.yml", "dependencies.yml" })
        {
            var path = Path.Combine(root, fileName);
            if (!File.Exists(path))
            {
                continue;
            }

            var yaml = ProjectYaml.Load(path, fileName);
            if (yaml.Root is null)
            {
                continue;
            }

            foreach (var entry in yaml.Sequence(yaml.Root, "packages", "packages"))
            {
                var package = entry is YamlMappingNode mapping
                    ? yaml.Text(mapping, "package", "packages.package") ?? yaml.Text(mapping, "git", "packages.git") ?? yaml.Text(mapping, "local", "packages.local")
                    : null;
                if (package is null || !package.EndsWith("dbt_utils", StringComparison.Ordinal) && !package.EndsWith("dbt-utils", StringComparison.Ordinal)
                    && !package.EndsWith("dbt-utils.git", StringComparison.Ordinal))
                {
                    throw yaml.Error(entry, "packages", $"Greenhouse has dbt_utils built in but cannot install '{package ?? "this package"}' (no `dbt deps`); copy the macros you use into macros/.");
                }
            }
        }
    }
}
