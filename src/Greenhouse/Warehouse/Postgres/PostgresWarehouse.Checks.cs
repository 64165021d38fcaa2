using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The check store: <c>_gh_check_runs</c> and <c>_gh_check_rows</c> (each row's JSON as <c>jsonb</c>).</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<long> RecordCheckRunAsync(CheckRunRecord run, CheckRowChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand(_metadata.InsertCheckRun, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)run.RunId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Check });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Severity });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Status });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = run.FailingRows });
            insert.Parameters.Add(new NpgsqlParameter<double> { TypedValue = run.Seconds });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)run.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = run.StartedAt.ToUniversalTime() });
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        var at = changes.At.ToUniversalTime();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in changes.Added)
        {
            var command = new NpgsqlBatchCommand(_metadata.InsertCheckRow);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Check });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Row, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            batch.BatchCommands.Add(command);
        }

        foreach (var row in changes.Seen)
        {
            var command = new NpgsqlBatchCommand(_metadata.SeeCheckRow);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Row, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            batch.BatchCommands.Add(command);
        }

        foreach (var resolved in changes.Resolved)
        {
            var command = new NpgsqlBatchCommand(_metadata.ResolveCheckRow);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = resolved });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<CheckRowRecord>> ReadOpenCheckRowsAsync(string? check = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadOpenCheckRows, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)check ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.CheckRow(r, Instant), cancellationToken);
    }

    public async Task<IReadOnlyList<CheckRunRecord>> ReadCheckRunsAsync(string? check = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadCheckRuns, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)check ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.CheckRun(r, Instant), cancellationToken);
    }
}
