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

        await DescribeAndIndexAsync(connection, sql.Table, stream, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the stream's descriptions as <c>COMMENT ON</c> and creates the indexes its columns ask for
    /// and its cursor's column (<see cref="StreamDescriptor.IndexedColumns"/>), each only when it differs from what is there: an unchanged table takes no lock.
    /// </summary>
    private async Task DescribeAndIndexAsync(NpgsqlConnection connection, string table, StreamDescriptor stream, CancellationToken cancellationToken)
    {
        var comments = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? tableComment = null;
        await using (var read = new NpgsqlCommand("""
            SELECT a.attname, col_description(a.attrelid, a.attnum), obj_description(a.attrelid, 'pg_class')
            FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """, connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                comments[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
                tableComment = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        var indexes = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _rawSchema });
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.TableName });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        var statements = new List<string>();
        var wanted = StreamComments.Table(stream);
        if (tableComment != wanted)
        {
            statements.Add($"COMMENT ON TABLE {table} IS {StreamComments.Literal(wanted)}");
        }

        foreach (var (column, comment) in StreamComments.Columns(stream))
        {
            if (comments.GetValueOrDefault(column) != comment)
            {
                statements.Add($"COMMENT ON COLUMN {table}.{SqlIdentifier.Quote(column)} IS {StreamComments.Literal(comment)}");
            }
        }

        foreach (var column in stream.IndexedColumns)
        {
            var name = SqlIdentifier.IndexName(stream.TableName, column.Name);
            if (!indexes.Contains(name))
            {
                statements.Add($"CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(name)} ON {table} ({SqlIdentifier.Quote(column.Name)})");
            }
        }

        foreach (var column in stream.Columns.Where(c => c.CaseInsensitive))
        {
            var name = SqlIdentifier.IndexName(stream.TableName, column.Name + "_lower");
            if (!indexes.Contains(name))
            {
                statements.Add($"CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(name)} ON {table} {Dialect.LowerIndexColumns(column.Name)}");
            }
        }

        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }
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
