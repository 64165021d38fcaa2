using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Project;

/// <summary>
/// A dbt project as read from its folder by <see cref="ProjectLoader"/>: its settings, config trees, files, macros,
/// docs blocks and properties. Nothing is rendered yet; the compiler does that.
/// </summary>
public sealed class DbtProject
{
    /// <summary>The project's folder (absolute).</summary>
    public required string Root { get; init; }

    /// <summary>dbt_project.yml's <c>name</c>: the package of its nodes and the first part of their fqn.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<string> ModelPaths { get; init; } = ["models"];

    public IReadOnlyList<string> SeedPaths { get; init; } = ["seeds"];

    public IReadOnlyList<string> TestPaths { get; init; } = ["tests"];

    public IReadOnlyList<string> MacroPaths { get; init; } = ["macros"];

    /// <summary>Where <c>compile</c> writes compiled SQL (<c>target/compiled/…</c>), relative to <see cref="Root"/>.</summary>
    public string TargetPath { get; init; } = "target";

    /// <summary><c>vars:</c> as written: global names, and per-package mappings under the package's name.</summary>
    public TemplateDictionary Vars { get; init; } = new();

    public ConfigTree ModelConfigs { get; init; } = ConfigTree.Empty;

    public ConfigTree SeedConfigs { get; init; } = ConfigTree.Empty;

    /// <summary>dbt_project.yml's <c>tests:</c> (or <c>data_tests:</c>) tree.</summary>
    public ConfigTree TestConfigs { get; init; } = ConfigTree.Empty;

    public IReadOnlyList<ProjectFile> Models { get; init; } = [];

    public IReadOnlyList<ProjectFile> Seeds { get; init; } = [];

    /// <summary>Singular tests: <c>.sql</c> files under the test paths, outside <c>generic/</c>.</summary>
    public IReadOnlyList<ProjectFile> SingularTests { get; init; } = [];

    /// <summary>The parsed macro files (macro paths, and <c>generic/</c> under the test paths), in path order.</summary>
    public IReadOnlyList<Template> MacroFiles { get; init; } = [];

    /// <summary><c>{% docs name %}</c> blocks of the project's <c>.md</c> files, by name.</summary>
    public IReadOnlyDictionary<string, TemplateMacro> Docs { get; init; } = new Dictionary<string, TemplateMacro>();

    /// <summary>Models' properties, by model name.</summary>
    public IReadOnlyDictionary<string, NodeProperties> ModelProperties { get; init; } = new Dictionary<string, NodeProperties>();

    /// <summary>The versions of versioned models, by the path of the file that defines each (<c>models/dim_customers_v2.sql</c>).</summary>
    public IReadOnlyDictionary<string, ModelVersion> ModelVersionsByFile { get; init; } = new Dictionary<string, ModelVersion>();

    /// <summary>The properties of a model (with a version: that version's, its columns and tests as they apply to it), or of a seed; null when none are written.</summary>
    public NodeProperties? PropertiesOf(ManifestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Type == ManifestNodeType.Seed)
        {
            return SeedProperties.GetValueOrDefault(node.Name);
        }

        var model = ModelProperties.GetValueOrDefault(node.Name);
        return node.Version is { } version ? model?.Versions.FirstOrDefault(v => v.Version == version)?.Properties : model;
    }

    /// <summary>Seeds' properties, by seed name.</summary>
    public IReadOnlyDictionary<string, NodeProperties> SeedProperties { get; init; } = new Dictionary<string, NodeProperties>();

    /// <summary>Singular tests' properties (<c>data_tests:</c> entries of a properties file), by test name.</summary>
    public IReadOnlyDictionary<string, NodeProperties> TestProperties { get; init; } = new Dictionary<string, NodeProperties>();

    public IReadOnlyList<SourceProperties> Sources { get; init; } = [];

    /// <summary>What the loader noticed but did not refuse (properties of a model that does not exist…), one line each with its file.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
