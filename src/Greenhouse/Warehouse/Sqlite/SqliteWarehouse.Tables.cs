using Greenhouse.Sources;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The stream tables' shape and size.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SqlIdentifier.CheckStream(stream);
        var table = TableSql(stream);
        return UseAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var typed = stream.Columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {Dialect.ColumnType(c.Type)}, ");
            Execute(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    id TEXT NOT NULL PRIMARY KEY,
                    {string.Concat(typed)}_gh_raw TEXT NOT NULL,
                    _gh_hash TEXT NOT NULL,
                    _gh_first_seen TEXT NOT NULL,
                    _gh_last_synced TEXT NOT NULL,
                    _gh_deleted_at TEXT,
                    _gh_as_of TEXT NOT NULL,
                    _gh_run_id INTEGER)
                """);

            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var read = Command(connection, transaction, "SELECT name FROM pragma_table_info($1)", TableName(stream)))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    existing.Add(reader.GetString(0));
                }
            }

            foreach (var column in stream.Columns.Where(c => !existing.Contains(c.Name)))
            {
                Execute(connection, transaction, $"ALTER TABLE {table} ADD COLUMN {SqlIdentifier.Quote(column.Name)} {Dialect.ColumnType(column.Type)}");
            }

            // The columns people filter or join on, and the cursor's (StreamDescriptor.IndexedColumns). SQLite keeps no comments; the catalog tools read the specs.
            foreach (var column in stream.IndexedColumns)
            {
                var name = SqlIdentifier.IndexName(TableName(stream), column.Name);
                Execute(connection, transaction, $"CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(name)} ON {table} ({SqlIdentifier.Quote(column.Name)})");
            }

            foreach (var column in stream.Columns.Where(c => c.CaseInsensitive))
            {
                var name = SqlIdentifier.IndexName(TableName(stream), column.Name + "_lower");
                Execute(connection, transaction, $"CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(name)} ON {table} {Dialect.LowerIndexColumns(column.Name)}");
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    public Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return UseAsync(connection =>
        {
            using var exists = Command(connection, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1", TableName(stream));
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return 0L;
            }

            using var count = Command(connection, null, $"SELECT count(*) FROM {TableSql(stream)} WHERE _gh_deleted_at IS NULL");
            return (long)count.ExecuteScalar()!;
        }, cancellationToken);
    }

    private string TableName(StreamDescriptor stream) => Dialect.TableName(_rawSchema, stream.TableName);
}
