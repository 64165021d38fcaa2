using System.Security.Cryptography;
using System.Text;
using Greenhouse.Sources;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// The SQL for one stream's table at one shape of its columns: the table, its staging table on the batch
/// connection, the binary COPY into staging, and the set-based merge from staging into the table.
/// </summary>
internal sealed class PostgresStreamSql
{
    public PostgresStreamSql(string schema, StreamDescriptor stream, int stagingNumber)
    {
        Stream = stream;
        Table = $"{schema}.{SqlIdentifier.Quote(stream.TableName)}";
        Staging = $"pg_temp._gh_stage_{stagingNumber}";
        DbTypes = [.. stream.Columns.Select(c => DbType(c.Type))];

        var columns = stream.Columns.Select(c => SqlIdentifier.Quote(c.Name)).ToArray();
        var typed = stream.Columns.Select((c, i) => $"{columns[i]} {SqlType(c.Type)}");
        var staged = stream.Columns.Select((c, i) => $"c{i} {SqlType(c.Type)}");
        var stagedNames = stream.Columns.Select((_, i) => $"c{i}").ToArray();

        CreateTable = $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                id text PRIMARY KEY,
                {string.Concat(typed.Select(t => t + ",\n    "))}_gh_raw jsonb NOT NULL,
                _gh_hash text NOT NULL,
                _gh_first_seen timestamptz NOT NULL,
                _gh_last_synced timestamptz NOT NULL,
                _gh_deleted_at timestamptz,
                _gh_as_of timestamptz NOT NULL,
                _gh_run_id bigint)
            """;

        // ON COMMIT DELETE ROWS empties it after every batch; a rolled-back batch leaves nothing either.
        CreateStaging = $"""
            DROP TABLE IF EXISTS {Staging};
            CREATE TEMP TABLE {Staging} (
                id text NOT NULL,
                {string.Concat(staged.Select(s => s + ",\n    "))}raw text NOT NULL,
                hash text NOT NULL,
                as_of timestamptz NOT NULL,
                deleted boolean NOT NULL) ON COMMIT DELETE ROWS
            """;

        Copy = $"COPY {Staging} (id, {string.Concat(stagedNames.Select(n => n + ", "))}raw, hash, as_of, deleted) FROM STDIN (FORMAT BINARY)";
        CopyNew = $"""
            COPY {Table} (id, {string.Concat(columns.Select(c => c + ", "))}_gh_raw, _gh_hash, _gh_first_seen, _gh_last_synced,
                _gh_deleted_at, _gh_as_of, _gh_run_id) FROM STDIN (FORMAT BINARY)
            """;

        // One statement. A deletion of an id never landed is a no-op: there is no row to soft-delete.
        // Staging holds one row per id (the caller keeps the newest) and only rows the caller found
        // new or changed, so an identical reload stages nothing. The ON CONFLICT guard repeats the change test, so a
        // row that turns out unchanged (another writer got there first) gets no new row version either. Every part
        // of the statement sees the table as it was before it, so the last column counts the live rows this batch
        // deletes: deleted staged rows whose stored row is live and not newer. (Scalar subqueries, because
        // PostgreSQL runs them as primary-key lookups; a join could become a scan: staging has no statistics.)
        Merge = $"""
            WITH written AS (
                INSERT INTO {Table} AS t (id, {string.Concat(columns.Select(c => c + ", "))}_gh_raw, _gh_hash, _gh_first_seen,
                    _gh_last_synced, _gh_deleted_at, _gh_as_of, _gh_run_id)
                SELECT s.id, {string.Concat(stagedNames.Select(n => "s." + n + ", "))}s.raw::jsonb, s.hash, $1, $1,
                    CASE WHEN s.deleted THEN $1 END, s.as_of, $2
                FROM {Staging} s
                WHERE NOT s.deleted OR EXISTS (SELECT 1 FROM {Table} o WHERE o.id = s.id)
                {PostgresStreamSql.UpsertGuarded(columns)}
                RETURNING xmax = 0 AS inserted, _gh_deleted_at IS NOT NULL AS now_deleted
            )
            SELECT count(*)::int,
                (count(*) FILTER (WHERE inserted AND NOT now_deleted))::int,
                (count(*) FILTER (WHERE inserted AND now_deleted))::int,
                (SELECT count(*) FROM {Staging} s
                 WHERE s.deleted AND (SELECT o._gh_deleted_at IS NULL AND s.as_of >= o._gh_as_of FROM {Table} o WHERE o.id = s.id))::int
            FROM written
            """;

        // _gh_seen fills within the run, so its statistics say "empty" and the planner would pick a nested loop that
        // scans it once per row (hours for a million-row stream); AnalyzeSeen runs first so the anti-join is hashed.
        AnalyzeSeen = $"ANALYZE {schema}._gh_seen";
        SoftDeleteUnseen = $"""
            WITH gone AS (
                UPDATE {Table} t SET _gh_deleted_at = $1, _gh_run_id = $2
                WHERE t._gh_deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM {schema}._gh_seen s WHERE s.stream = $3 AND s.id = t.id)
                RETURNING 1)
            SELECT count(*)::int FROM gone
            """;

        // Whether a batch is what the table already holds, with only its keys sent: the stored hashes and deletions in
        // the keys' order, digested where they are, for the client to compare with the digest of its own. A reload of
        // unchanged data costs one index probe a key and ships nothing else; any difference only sends the batch on to
        // ChangedPositions. The ORDER BY costs a sort of the batch (under 1 ms for 5,000 keys): without it the digest
        // would follow the join's order, which a hash join takes from the table.
        StoredDigest = $"""
            SELECT sha256(convert_to(string_agg(t._gh_hash || CASE WHEN t._gh_deleted_at IS NULL THEN 'l' ELSE 'd' END, '' ORDER BY i.ord), 'UTF8')),
                count(t.id)::int
            FROM unnest($1::text[]) WITH ORDINALITY AS i(id, ord)
            LEFT JOIN {Table} t ON t.id = i.id
            """;

        // The rows the merge would write, decided where the stored hashes are: the batch's keys, hashes, as-ofs and
        // deletions go up as four arrays, and only the positions of what is new or changed come back.
        // The same rule as UpsertGuarded's WHERE; an unnest of a parameter is estimated small, so each key is one index probe.
        ChangedPositions = $"""
            SELECT coalesce(array_agg(i.ord::int) FILTER (WHERE t.id IS NULL OR (i.as_of >= t._gh_as_of
                    AND (i.hash <> t._gh_hash OR i.deleted <> (t._gh_deleted_at IS NOT NULL)))), ARRAY[]::int[])
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::boolean[]) WITH ORDINALITY AS i(id, hash, as_of, deleted, ord)
            LEFT JOIN {Table} t ON t.id = i.id
            """;
    }

    /// <summary>
    /// The merge rule every write into a stream table shares (sync batches and webhook events alike), for an
    /// <c>INSERT INTO table AS t</c>: an existing row is rewritten only when the incoming snapshot is not older and its
    /// content or deletion differs; a deletion keeps the first deletion time; a live snapshot un-deletes. With
    /// <paramref name="keepTies"/> (the SQL of a boolean), when it is true, a snapshot of the stored one's instant is not written either.
    /// </summary>
    public static string UpsertGuarded(IEnumerable<string> quotedColumns, string? keepTies = null) => $"""
        ON CONFLICT (id) DO UPDATE SET
            {string.Concat(quotedColumns.Select(c => $"{c} = excluded.{c}, "))}_gh_raw = excluded._gh_raw,
            _gh_hash = excluded._gh_hash,
            _gh_last_synced = excluded._gh_last_synced,
            _gh_deleted_at = CASE WHEN excluded._gh_deleted_at IS NULL THEN NULL
                ELSE coalesce(t._gh_deleted_at, excluded._gh_deleted_at) END,
            _gh_as_of = excluded._gh_as_of,
            _gh_run_id = excluded._gh_run_id
        WHERE {(keepTies is null ? "excluded._gh_as_of >= t._gh_as_of" : $"(excluded._gh_as_of > t._gh_as_of OR (excluded._gh_as_of = t._gh_as_of AND NOT {keepTies}))")} AND (excluded._gh_hash <> t._gh_hash
            OR (excluded._gh_deleted_at IS NOT NULL) <> (t._gh_deleted_at IS NOT NULL))
        """;

    public StreamDescriptor Stream { get; }

    /// <summary>
    /// Whether the next batch first reads the stored hashes and stages only what changed. Only an optimization:
    /// the merge alone gives the same rows and counts.
    /// </summary>
    public bool ReadBeforeWrite { get; set; } = true;

    /// <summary>
    /// The run <see cref="ReadBeforeWrite"/> was last set in. A batch of another run reads first again: skipping the
    /// read is learnt within a first load, and by the next run (a reload, in the same serve process) the rows are there.
    /// </summary>
    public long ReadBeforeWriteRun { get; set; }

    /// <summary>Schema-qualified, quoted table name.</summary>
    public string Table { get; }

    public string Staging { get; }

    public NpgsqlDbType[] DbTypes { get; }

    public string CreateTable { get; }

    public string CreateStaging { get; }

    public string Copy { get; }

    /// <summary>A binary COPY straight into the table, for a batch of rows none of which the table holds.</summary>
    public string CopyNew { get; }

    /// <summary>$1 now, $2 run id. Returns rows written, rows inserted live, rows inserted deleted, live rows deleted.</summary>
    public string Merge { get; }

    /// <summary>$1 now, $2 run id, $3 stream. Returns how many rows it soft-deleted.</summary>
    public string SoftDeleteUnseen { get; }

    public string AnalyzeSeen { get; }

    /// <summary>
    /// $1: the batch's ids. One row: the SHA-256 of the stored rows' hashes, each followed by <c>l</c> (live) or <c>d</c>
    /// (deleted), in the ids' order (see <see cref="BatchDigest"/>), and how many ids are stored.
    /// </summary>
    public string StoredDigest { get; }

    /// <summary>$1–$4: the batch's ids, hashes, as-ofs and deletions. One row: the 1-based positions to write.</summary>
    public string ChangedPositions { get; }

    /// <summary>What <see cref="StoredDigest"/> answers when the table holds exactly these rows (same hashes, same deletions).</summary>
    public static byte[] BatchDigest(IReadOnlyList<RecordRow> rows)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            digest.AppendData(Encoding.UTF8.GetBytes(row.Hash));
            digest.AppendData(row.Deleted ? "d"u8 : "l"u8);
        }

        return digest.GetHashAndReset();
    }

    /// <summary>Identifies this shape: a column added later needs a new staging table and merge.</summary>
    public static string Signature(StreamDescriptor stream) =>
        stream.TableName + "(" + string.Join(",", stream.Columns.Select(c => $"{c.Name}:{c.Type}")) + ")";

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "bigint",
        ColumnType.Decimal => "numeric",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamptz",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static NpgsqlDbType DbType(ColumnType type) => type switch
    {
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Integer => NpgsqlDbType.Bigint,
        ColumnType.Decimal => NpgsqlDbType.Numeric,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        ColumnType.Timestamp => NpgsqlDbType.TimestampTz,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
