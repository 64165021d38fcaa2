namespace Greenhouse.Transform;

/// <summary>
/// One node of a transform DAG, as the compile layer hands it to <see cref="Running.TransformRunner"/>: a model, a
/// seed or a data test, the relation it writes, how, and what it depends on. Names are resolved already (<see cref="Schema"/> is the
/// final schema, e.g. <c>analytics_staging</c> for a model with <c>+schema: staging</c>).
/// </summary>
public sealed record TransformNode
{
    /// <summary><c>model.&lt;project&gt;.&lt;name&gt;</c> or <c>seed.&lt;project&gt;.&lt;name&gt;</c>; unique in a run.</summary>
    public required string UniqueId { get; init; }

    public required string Name { get; init; }

    public required NodeKind Kind { get; init; }

    /// <summary>The schema of the relation it writes (PostgreSQL schema; SQLite table-name prefix, see docs/transform.md).</summary>
    public required string Schema { get; init; }

    /// <summary>The relation's name within <see cref="Schema"/> (the model's name unless it sets an alias).</summary>
    public required string Alias { get; init; }

    public required Materialization Materialization { get; init; }

    /// <summary>
    /// Unique ids of the nodes it reads. Ids of nodes not in the run (sources, models left out of a selection) only
    /// say the relation exists already; they order nothing.
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>
    /// Compiles the model's SQL (one SELECT) just before it runs, as dbt does: <see cref="NodeCompileContext.IsIncremental"/>
    /// is what <c>is_incremental()</c> returns. Required for a model that is not ephemeral; a seed has none.
    /// </summary>
    public Func<NodeCompileContext, CancellationToken, Task<string>>? Compile { get; init; }

    /// <summary>An incremental model's <c>unique_key</c>: one column or several (column names, not expressions).</summary>
    public IReadOnlyList<string> UniqueKey { get; init; } = [];

    /// <summary>A table or incremental model's <c>indexes</c> config: made each time its table is built in full.</summary>
    public IReadOnlyList<TableIndex> Indexes { get; init; } = [];

    /// <summary>An incremental model's strategy; null: <c>delete+insert</c> with a unique key, else <c>append</c> (dbt-postgres's default).</summary>
    public IncrementalStrategy? IncrementalStrategy { get; init; }

    /// <summary>What an incremental run does when the model's columns differ from the table's.</summary>
    public OnSchemaChange OnSchemaChange { get; init; } = OnSchemaChange.Ignore;

    /// <summary>A seed's CSV file and settings; required for a seed.</summary>
    public SeedFile? Seed { get; init; }

    /// <summary>A data test's settings (severity, thresholds, what it tests); required for a test, whose <see cref="Compile"/> gives the query of its failing rows.</summary>
    public TestSettings? Test { get; init; }
}
