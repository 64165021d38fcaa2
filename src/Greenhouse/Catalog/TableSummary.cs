namespace Greenhouse.Catalog;

/// <summary>
/// One relation in <c>list_tables</c>: a landed stream table (<see cref="Kind"/> <c>stream</c>) or a modelled table or
/// view. <see cref="Name"/> is how SQL names it. Freshness is a stream's: its last successful sync against its
/// <c>max_staleness</c>.
/// </summary>
/// <param name="Rows">Live rows (a stream's soft-deleted rows are not counted); null for a view, which is not counted.</param>
public sealed record TableSummary(
    string Name,
    string Kind,
    string? Stream,
    string? Description,
    long? Rows,
    DateTimeOffset? LastSync,
    double? StalenessSeconds,
    double? MaxStalenessSeconds,
    bool? Stale,
    string? Freshness);
