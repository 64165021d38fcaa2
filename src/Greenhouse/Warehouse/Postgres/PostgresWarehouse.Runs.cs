using System.Data.Common;
using Greenhouse.Sources;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The run store: the advisory run lock, <c>_gh_runs</c> and <c>_gh_stream_runs</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    private static readonly Func<DbDataReader, int, DateTimeOffset> Instant = (reader, i) => reader.GetFieldValue<DateTimeOffset>(i);

    public async Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default)
    {
        var key = PostgresRunLock.KeyFor("greenhouse:" + _rawSchema);
        var connection = new NpgsqlConnection(_lockConnectionString);
        try
        {
            await OpenAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock($1)" : "SELECT pg_try_advisory_lock($1)", connection)
            {
                CommandTimeout = 0, // wait as long as the other run takes; cancellation still works
            };
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            var result = await command.ExecuteScalarAsync(cancellationToken);
            if (!wait && result is false)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new PostgresRunLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BeginRunAsync(_metadata.InsertRun, trigger, now, cancellationToken);

    /// <summary>Marks what a dead process left running as interrupted, then starts a run with <paramref name="insertSql"/> (a sync's or a transform's).</summary>
    private async Task<long> BeginRunAsync(string insertSql, string trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, _metadata.InterruptStreamRuns, cancellationToken);
        await ExecuteAsync(connection, _metadata.InterruptRuns, cancellationToken);
        await using var insert = new NpgsqlCommand(insertSql, connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trigger });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        var runId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return runId;
    }

    public async Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, _metadata.FinishRun, cancellationToken, StoredText.Status(status), now.ToUniversalTime(), runId);
    }

    public async Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, _metadata.BeginStreamRun, cancellationToken, runId, stream, StoredText.Mode(mode), now.ToUniversalTime());
    }

    public async Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.FinishStreamRun, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StoredText.Status(status) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadStreamRuns, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.StreamRun(r, Instant), cancellationToken);
    }
}
