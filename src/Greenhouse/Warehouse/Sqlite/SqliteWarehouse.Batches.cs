using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The batch commit: rows through the stream's prepared writer, state and counters, in one transaction.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<BatchCounts> CommitBatchAsync(BatchCommit batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var streamName = batch.Stream.FullName;
        var now = SqliteTime.ToText(batch.Now);
        return UseAsync(connection =>
        {
            var writer = Writer(connection, batch.Stream);
            using var transaction = connection.BeginTransaction();
            if (batch.StartFullRefresh)
            {
                Execute(connection, transaction, _metadata.DeleteSeen, streamName);
            }

            var counts = writer.Merge(transaction, batch, cancellationToken);
            if (batch.FinishFullRefresh)
            {
                counts = counts with { Deleted = counts.Deleted + writer.SoftDeleteUnseen(transaction, batch) };
                Execute(connection, transaction, _metadata.DeleteSeen, streamName);
            }

            Execute(connection, transaction, """
                INSERT INTO _gh_state (stream, partition, value, updated_at, run_id) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (stream, partition) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, run_id = excluded.run_id
                """, streamName, batch.Partition, batch.State.ToJsonString(), now, batch.RunId);
            Execute(connection, transaction, """
                UPDATE _gh_stream_runs SET new = new + $1, updated = updated + $2, unchanged = unchanged + $3,
                    deleted = deleted + $4, pages = pages + $5, warnings = warnings + $6
                WHERE run_id = $7 AND stream = $8
                """, counts.New, counts.Updated, counts.Unchanged, counts.Deleted, batch.Pages, batch.Warnings, batch.RunId, streamName);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return counts;
        }, cancellationToken);
    }

    private SqliteStreamWriter Writer(SqliteConnection connection, StreamDescriptor stream)
    {
        var signature = TableName(stream) + "(" + string.Join(",", stream.Columns.Select(c => $"{c.Name}:{c.Type}")) + ")";
        if (!_writers.TryGetValue(signature, out var writer))
        {
            SqlIdentifier.CheckStream(stream);
            writer = new SqliteStreamWriter(connection, stream, TableSql(stream));
            _writers[signature] = writer;
        }

        return writer;
    }
}
