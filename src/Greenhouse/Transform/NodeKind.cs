namespace Greenhouse.Transform;

/// <summary>What a node is in a dbt project.</summary>
public enum NodeKind
{
    Model,
    Seed,

    /// <summary>A data test: a query whose rows are failures (a generic test from a properties file, or a singular test's .sql).</summary>
    Test,
}
