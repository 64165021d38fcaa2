namespace Greenhouse.Warehouse;

/// <summary>One node of a transform run, as stored in <c>_gh_model_runs</c>.</summary>
/// <param name="Node">The node's unique id, e.g. <c>model.shop.fct_orders</c>.</param>
/// <param name="Materialization"><c>view</c>, <c>table</c>, <c>incremental</c> or <c>seed</c>.</param>
/// <param name="RowsAffected">Rows the build wrote (a table's or seed's rows; an incremental's inserted and updated rows); null for a view or a node that did not run.</param>
/// <param name="Error">Why it failed, was skipped or interrupted; null when it succeeded.</param>
/// <param name="SqlHash">SHA-256 (hex) of the compiled SQL, or of a seed's CSV file; null when it was never compiled.</param>
public sealed record ModelRunRecord(
    long RunId,
    string Node,
    string Materialization,
    ModelRunStatus Status,
    long? RowsAffected,
    double Seconds,
    string? Error,
    string? SqlHash,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt);
