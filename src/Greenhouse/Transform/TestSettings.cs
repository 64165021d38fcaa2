namespace Greenhouse.Transform;

/// <summary>
/// How a data test is judged, from its resolved config as dbt has it: <c>fail_calc</c> (default <c>count(*)</c>) over
/// its failing rows is compared with <c>warn_if</c> and <c>error_if</c> (default <c>!= 0</c>); with <c>severity:
/// error</c> an <c>error_if</c> match fails the test, otherwise a <c>warn_if</c> match warns.
/// </summary>
public sealed record TestSettings
{
    public const string DefaultCondition = "!= 0";

    public const string DefaultFailCalc = "count(*)";

    /// <summary><c>warn</c> or <c>error</c> (dbt's default).</summary>
    public bool SeverityIsError { get; init; } = true;

    public string WarnIf { get; init; } = DefaultCondition;

    public string ErrorIf { get; init; } = DefaultCondition;

    public string FailCalc { get; init; } = DefaultFailCalc;

    /// <summary><c>limit</c>: at most this many failing rows are counted; null: all.</summary>
    public long? Limit { get; init; }

    /// <summary><c>store_failures</c>: the failing rows are also written to a table in the <c>&lt;schema&gt;_dbt_test__audit</c> schema, replaced on each run.</summary>
    public bool StoreFailures { get; init; }

    /// <summary>The node the test is defined on (a model, seed or source table); the first of its <see cref="TransformNode.DependsOn"/>. Null for a singular test.</summary>
    public string? AttachedNode { get; init; }

    /// <summary>The generic test's name (<c>not_null</c>, <c>expression_is_true</c>); null for a singular test.</summary>
    public string? TestName { get; init; }

    /// <summary>The column it tests; null for a test of the whole node.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The columns that identify one failing row over time in the check history; empty: the whole row.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>The test's description (<c>description:</c> on its entry or in its properties); null when none.</summary>
    public string? Description { get; init; }

    /// <summary>Where it is defined: <c>models/marts/_marts.yml:18:13</c>, <c>tests/no_negative_mrr.sql</c>.</summary>
    public string? Location { get; init; }
}
