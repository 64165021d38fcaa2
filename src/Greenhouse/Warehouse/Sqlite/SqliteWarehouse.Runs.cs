using Greenhouse.Sources;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The run store: the lock on a side file, <c>_gh_runs</c> and <c>_gh_stream_runs</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public async Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default)
    {
        CheckDirectory();
        return await SqliteRunLock.AcquireAsync(_fullPath + ".lock", wait, cancellationToken);
    }

    public Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BeginRunAsync(_metadata.InsertRun, trigger, now, cancellationToken);

    /// <summary>Marks what a dead process left running as interrupted, then starts a run with <paramref name="insertSql"/> (a sync's or a transform's).</summary>
    private Task<long> BeginRunAsync(string insertSql, string trigger, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, _metadata.InterruptStreamRuns);
        Execute(connection, transaction, _metadata.InterruptRuns);
        using var insert = Command(connection, transaction, insertSql, trigger, SqliteTime.ToText(now));
        var runId = (long)insert.ExecuteScalar()!;
        transaction.Commit();
        return runId;
    }, cancellationToken);

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.FinishRun, StoredText.Status(status), SqliteTime.ToText(now), runId), cancellationToken);

    public Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.BeginStreamRun, runId, stream, StoredText.Mode(mode), SqliteTime.ToText(now)), cancellationToken);

    public Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.FinishStreamRun, StoredText.Status(status), error, SqliteTime.ToText(now), runId, stream), cancellationToken);

    public Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default) =>
        UseAsync(async connection =>
        {
            using var command = Command(connection, null, _metadata.ReadStreamRuns, runId, limit);
            using var reader = command.ExecuteReader();
            return (IReadOnlyList<StreamRunRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.StreamRun(r, Instant), cancellationToken);
        }, cancellationToken);
}
