namespace Greenhouse.Transform;

/// <summary>How a node's relation is built (dbt's <c>materialized</c>).</summary>
public enum Materialization
{
    /// <summary>A view of the SQL, replaced on every run.</summary>
    View,
    /// <summary>A table of the SQL's rows, rebuilt under a temporary name and swapped in on every run.</summary>
    Table,
    /// <summary>A table built once, then merged into (<see cref="IncrementalStrategy"/>) until a full refresh.</summary>
    Incremental,
    /// <summary>Inlined as a CTE by the compiler: the runner builds nothing for it.</summary>
    Ephemeral,
    /// <summary>A table loaded from a CSV file, reloaded whole on every run.</summary>
    Seed,
    /// <summary>A data test's query, run and counted: it writes no relation (unless <c>store_failures</c>).</summary>
    Test,
}
