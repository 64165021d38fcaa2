namespace Greenhouse.Catalog;

/// <summary>What <c>sync_status</c> answers: every configured stream's freshness and last run, as of <see cref="Now"/>.</summary>
public sealed record SyncStatusReport(DateTimeOffset Now, IReadOnlyList<StreamSyncStatus> Streams);
