namespace Greenhouse.Checks;

/// <summary>One check as <c>greenhouse check ls</c> shows it: its last run, its open rows, and since when it fails.</summary>
/// <param name="Definition">Its <c>checks/*.yml</c> entry; null for a check known only from its history (a dbt test recorded as a check).</param>
/// <param name="Status">The last run's status; null when it never ran.</param>
/// <param name="FailingSince">The first run of its current failing streak (runtime errors neither break nor start one); null when passing.</param>
public sealed record CheckSummary(
    string Name,
    CheckDefinition? Definition,
    CheckStatus? Status,
    DateTimeOffset? LastRunAt,
    long FailingRows,
    int OpenRows,
    DateTimeOffset? FailingSince);
