using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// Migration 3: rows landed before it carry a hash of their raw text as received, so the first sync after the upgrade
/// would find every row "changed" and rewrite it. Recompute every stream table's <c>_gh_hash</c> from the stored
/// <c>_gh_raw</c>, in C#, in batches of ids, inside the migration's transaction (all tables or none). Not in SQL:
/// jsonb's text is not the canonical form (keys by length, numbers keep their scale: <c>1.50</c>). Not a hash version
/// compared lazily: an old hash can only be checked against the text it was computed over, which jsonb did not keep,
/// so every sync would have to read every old row's <c>_gh_raw</c> until the row changes. jsonb keeps the value exactly
/// (keys, strings, the exact decimal of every number), so the canonical form of the stored value is the canonical form
/// of what the vendor sent, and the recomputed hash is the one a sync now computes. (Two corners differ, once: an object
/// with a duplicate key, of which jsonb kept the last, and a number written with an exponent beyond 2^53, which jsonb
/// prints as an integer.) It costs one pass over the rows and one row version each, once.
/// </summary>
internal static class PostgresRowHashes
{
    private const int BatchSize = 5000;

    public static async Task RecomputeAsync(NpgsqlConnection connection, string schema, string rawSchema, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = $1 AND column_name IN ('_gh_raw', '_gh_hash')
            GROUP BY table_name HAVING count(*) = 2
            """, connection))
        {
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rawSchema });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var qualified = $"{schema}.{SqlIdentifier.Quote(table)}";
            var last = "";
            int rows;
            do
            {
                var ids = new List<string>(BatchSize);
                var hashes = new List<string>(BatchSize);
                rows = 0;
                await using (var read = new NpgsqlCommand(
                    $"SELECT id, _gh_raw::text, _gh_hash FROM {qualified} WHERE id > $1 ORDER BY id LIMIT {BatchSize}", connection))
                {
                    read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = last });
                    await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows++;
                        last = reader.GetString(0);
                        if (CanonicalJson.OfStoredText(reader.GetString(1)) is var (_, hash) && hash != reader.GetString(2))
                        {
                            ids.Add(last);
                            hashes.Add(hash);
                        }
                    }
                }

                if (ids.Count > 0)
                {
                    await using var update = new NpgsqlCommand($"""
                        UPDATE {qualified} AS t SET _gh_hash = u.hash
                        FROM unnest($1::text[], $2::text[]) AS u(id, hash)
                        WHERE t.id = u.id
                        """, connection);
                    update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
                    update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes] });
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            while (rows == BatchSize);
        }
    }
}
