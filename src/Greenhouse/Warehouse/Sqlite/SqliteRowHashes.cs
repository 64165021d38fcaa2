using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// Migration 3: rows landed before it were hashed over their raw text as received, and stored it so (indentation and
/// all). Recompute every stream table's <c>_gh_hash</c> (and compact <c>_gh_raw</c>) the way a sync now writes them, so
/// the first sync after the upgrade finds its unchanged rows unchanged instead of rewriting them all. Once, in the
/// migration's transaction: SQLite rewrites a whole row for any column anyway, and the file's stored raw text is exactly
/// what the vendor sent, so the recomputed hash equals the one a sync computes. Every table of the file with the stream
/// columns is a stream table, of any raw schema (they share the file's <c>_gh_migrations</c>).
/// </summary>
internal static class SqliteRowHashes
{
    private const int BatchSize = 2000;

    public static void Recompute(SqliteConnection connection, SqliteTransaction transaction)
    {
        var tables = new List<string>();
        using (var find = Command(connection, transaction, """
            SELECT m.name FROM sqlite_master m
            WHERE m.type = 'table' AND m.name NOT LIKE '\_gh\_%' ESCAPE '\'
              AND (SELECT count(*) FROM pragma_table_info(m.name) p WHERE p.name IN ('_gh_raw', '_gh_hash')) = 2
            """))
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var quoted = SqlIdentifier.Quote(table);
            using var read = Command(connection, transaction, $"SELECT rowid, _gh_raw, _gh_hash FROM {quoted} WHERE rowid > $1 ORDER BY rowid LIMIT {BatchSize}");
            using var update = Command(connection, transaction, $"UPDATE {quoted} SET _gh_raw = $2, _gh_hash = $3 WHERE rowid = $1");
            read.Parameters.AddWithValue("$1", 0L);
            update.Parameters.AddWithValue("$1", 0L);
            update.Parameters.AddWithValue("$2", "");
            update.Parameters.AddWithValue("$3", "");
            var batch = new List<(long RowId, string Raw, string Hash)>(BatchSize);
            var last = 0L;
            int rows;
            do
            {
                batch.Clear();
                rows = 0;
                read.Parameters[0].Value = last;
                using (var reader = read.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rows++;
                        last = reader.GetInt64(0);
                        if (CanonicalJson.OfStoredText(reader.GetString(1)) is var (raw, hash) && hash != reader.GetString(2))
                        {
                            batch.Add((last, raw, hash));
                        }
                    }
                }

                foreach (var (rowId, raw, hash) in batch)
                {
                    update.Parameters[0].Value = rowId;
                    update.Parameters[1].Value = raw;
                    update.Parameters[2].Value = hash;
                    update.ExecuteNonQuery();
                }
            }
            while (rows == BatchSize);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
