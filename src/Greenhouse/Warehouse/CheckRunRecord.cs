namespace Greenhouse.Warehouse;

/// <summary>
/// One run of one check (a row of <c>_gh_check_runs</c>).
/// </summary>
/// <param name="Id">The row's id; 0 before it is stored.</param>
/// <param name="RunId">The sync or transform run it ran after; null when it ran on its own (<c>greenhouse check run</c>, its schedule).</param>
/// <param name="Severity"><c>warn</c> or <c>error</c>.</param>
/// <param name="Status"><c>pass</c>, <c>warn</c>, <c>error</c> or <c>runtime error</c>.</param>
/// <param name="FailingRows">How many rows failed, all of them counted (however many were kept).</param>
public sealed record CheckRunRecord(
    long Id,
    long? RunId,
    string Check,
    string Severity,
    string Status,
    long FailingRows,
    double Seconds,
    string? Error,
    DateTimeOffset StartedAt);
