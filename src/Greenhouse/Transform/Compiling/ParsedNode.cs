using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>A model, seed or data test after the parse render: its template, final config, relation and what it refs.</summary>
internal sealed class ParsedNode
{
    public required string UniqueId { get; init; }

    public required string Name { get; init; }

    public required string Package { get; init; }

    public required NodeKind Kind { get; init; }

    /// <summary>A versioned model's version (<c>2</c>); null for every other node.</summary>
    public string? Version { get; init; }

    /// <summary>A versioned model's latest version; null for every other node.</summary>
    public string? LatestVersion { get; init; }

    /// <summary>
    /// The name dbt's <c>generate_alias_name</c> gives the relation by default: the name, and for a versioned model
    /// <c>_v</c> and the version with its dots as <c>_</c> (<c>dim_customers_v2</c>). Also the name of an ephemeral
    /// model's CTE.
    /// </summary>
    public string VersionedName => Version is null ? Name : $"{Name}_v{Version.Replace('.', '_')}";

    public required ProjectFile File { get; init; }

    public required IReadOnlyList<string> Fqn { get; init; }

    /// <summary>The model's template; null for a seed.</summary>
    public Template? Template { get; init; }

    public string RawCode { get; init; } = "";

    public NodeProperties? Properties { get; init; }

    /// <summary>The merged config (dbt_project.yml, properties, the file's <c>config()</c>).</summary>
    public Dictionary<string, object?> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>ref()</c> calls of the parse render, as written: (package or null, name, version or null).</summary>
    public List<(string? Package, string Name, string? Version)> Refs { get; } = [];

    /// <summary>The source nodes its <c>source()</c> calls named.</summary>
    public List<string> Sources { get; } = [];

    /// <summary>Unique ids of the models and seeds it refs, once each, in first-call order.</summary>
    public List<string> DependsOn { get; } = [];

    public Materialization Materialization { get; set; }

    /// <summary>Set once every node's config is known; null for an ephemeral model, which writes nothing.</summary>
    public ModelRelation? Relation { get; set; }

    public IReadOnlyList<string> UniqueKey { get; set; } = [];

    public IReadOnlyList<TableIndex> Indexes { get; set; } = [];

    public IncrementalStrategy? IncrementalStrategy { get; set; }

    public OnSchemaChange OnSchemaChange { get; set; }

    /// <summary>A data test's settings, from its final config; null for a model or seed.</summary>
    public TestSettings? Test { get; set; }

    /// <summary>A generic test's call: the test macro, its arguments and the node it is on; null for every other node.</summary>
    public GenericTest? Generic { get; init; }

    /// <summary>The schema and alias the relation has (also for an ephemeral model, whose <c>this</c> still names one).</summary>
    public (string Schema, string Alias) Names { get; set; }
}
