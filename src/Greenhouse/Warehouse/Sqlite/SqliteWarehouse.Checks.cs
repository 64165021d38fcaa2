namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The check store: <c>_gh_check_runs</c> and <c>_gh_check_rows</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<long> RecordCheckRunAsync(CheckRunRecord run, CheckRowChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(changes);
        return UseAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            long id;
            using (var insert = Command(connection, transaction, _metadata.InsertCheckRun,
                run.RunId, run.Check, run.Severity, run.Status, run.FailingRows, run.Seconds, run.Error, SqliteTime.ToText(run.StartedAt)))
            {
                id = (long)insert.ExecuteScalar()!;
            }

            var at = SqliteTime.ToText(changes.At);
            foreach (var row in changes.Added)
            {
                Execute(connection, transaction, _metadata.InsertCheckRow, row.Check, row.Key, row.Row, at);
            }

            foreach (var row in changes.Seen)
            {
                Execute(connection, transaction, _metadata.SeeCheckRow, row.Id, row.Row, at);
            }

            foreach (var resolved in changes.Resolved)
            {
                Execute(connection, transaction, _metadata.ResolveCheckRow, resolved, at);
            }

            transaction.Commit();
            return id;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CheckRowRecord>> ReadOpenCheckRowsAsync(string? check = null, CancellationToken cancellationToken = default) =>
        UseAsync(async connection =>
        {
            using var command = Command(connection, null, _metadata.ReadOpenCheckRows, check);
            using var reader = command.ExecuteReader();
            return (IReadOnlyList<CheckRowRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.CheckRow(r, Instant), cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<CheckRunRecord>> ReadCheckRunsAsync(string? check = null, int limit = 200, CancellationToken cancellationToken = default) =>
        UseAsync(async connection =>
        {
            using var command = Command(connection, null, _metadata.ReadCheckRuns, check, limit);
            using var reader = command.ExecuteReader();
            return (IReadOnlyList<CheckRunRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.CheckRun(r, Instant), cancellationToken);
        }, cancellationToken);
}
