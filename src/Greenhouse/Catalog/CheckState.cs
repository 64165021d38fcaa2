using System.Text.Json.Nodes;

namespace Greenhouse.Catalog;

/// <summary>
/// One check in <c>check_results</c>: what it looks for, how its last run ended, since when it fails, and its open
/// offending rows (each with when it was first and last seen).
/// </summary>
/// <param name="Status"><c>pass</c>, <c>warn</c>, <c>error</c> or <c>runtime error</c>; null when it never ran.</param>
/// <param name="OpenRows">The rows still failing, oldest first, at most the answer's limit; <paramref name="OpenRowCount"/> is how many there are.</param>
public sealed record CheckState(
    string Name,
    string? Description,
    string? Severity,
    string? Status,
    DateTimeOffset? LastRunAt,
    long FailingRows,
    DateTimeOffset? FailingSince,
    int OpenRowCount,
    IReadOnlyList<OpenCheckRow> OpenRows);
