namespace Greenhouse.Warehouse;

/// <summary>
/// One offending row of a check over time (a row of <c>_gh_check_rows</c>): <paramref name="Key"/> identifies it across
/// runs, <paramref name="Row"/> is its latest columns as a JSON object, and it is open until <paramref name="ResolvedAt"/>.
/// </summary>
/// <param name="Id">The row's id; 0 before it is stored.</param>
public sealed record CheckRowRecord(
    long Id,
    string Check,
    string Key,
    string Row,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt);
