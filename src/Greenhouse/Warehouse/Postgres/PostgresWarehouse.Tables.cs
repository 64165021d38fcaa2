using Greenhouse.Sources;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The stream tables' shape and size.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SqlIdentifier.CheckStream(stream);
        var sql = new PostgresStreamSql(_schema, stream, 0);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockDdlAsync(connection, cancellationToken);
        await ExecuteAsync(connection, sql.CreateTable, cancellationToken);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _rawSchema });
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.TableName });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var column in stream.Columns.Where(c => !existing.Contains(c.Name)))
        {
            await ExecuteAsync(connection,
                $"ALTER TABLE {sql.Table} ADD COLUMN IF NOT EXISTS {SqlIdentifier.Quote(column.Name)} {PostgresStreamSql.SqlType(column.Type)}",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var table = TableSql(stream);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE _gh_deleted_at IS NULL", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
