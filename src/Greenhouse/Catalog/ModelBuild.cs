namespace Greenhouse.Catalog;

/// <summary>A node's last run in <c>_gh_model_runs</c>: how it ended, when, its rows (a test's: its failing rows) and its error.</summary>
/// <param name="Status"><c>succeeded</c>, <c>failed</c>, <c>warned</c>, <c>skipped</c> or <c>interrupted</c>.</param>
public sealed record ModelBuild(long RunId, string Status, DateTimeOffset FinishedAt, long? Rows, double Seconds, string? Error);
