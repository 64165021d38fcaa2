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
                deleted boolean NOT NULL,
                ord int NOT NULL) ON COMMIT DELETE ROWS
            """;

        Copy = $"COPY {Staging} (id, {string.Concat(stagedNames.Select(n => n + ", "))}raw, hash, as_of, deleted, ord) FROM STDIN (FORMAT BINARY)";

        // One statement: keep the newest row per id, drop those that would change nothing (unchanged, or older
        // than what is stored) before writing, so an identical reload writes no row version at all; then upsert.
        // The ON CONFLICT guard repeats the test for rows another writer inserted meanwhile.
        var changed = "(s.hash <> t._gh_hash OR s.deleted <> (t._gh_deleted_at IS NOT NULL))";
        Merge = $"""
            WITH src AS (
                SELECT DISTINCT ON (id) * FROM {Staging} ORDER BY id, as_of DESC, ord DESC
            ), cand AS (
                SELECT s.*, t._gh_deleted_at IS NOT NULL AS was_deleted
                FROM src s LEFT JOIN {Table} t ON t.id = s.id
                WHERE t.id IS NULL OR (s.as_of >= t._gh_as_of AND {changed})
            ), written AS (
                INSERT INTO {Table} AS t (id, {string.Concat(columns.Select(c => c + ", "))}_gh_raw, _gh_hash, _gh_first_seen,
                    _gh_last_synced, _gh_deleted_at, _gh_as_of, _gh_run_id)
                SELECT id, {string.Concat(stagedNames.Select(n => n + ", "))}raw::jsonb, hash, $1, $1,
                    CASE WHEN deleted THEN $1 END, as_of, $2
                FROM cand
                ON CONFLICT (id) DO UPDATE SET
                    {string.Concat(columns.Select(c => $"{c} = excluded.{c}, "))}_gh_raw = excluded._gh_raw,
                    _gh_hash = excluded._gh_hash,
                    _gh_last_synced = excluded._gh_last_synced,
                    _gh_deleted_at = CASE WHEN excluded._gh_deleted_at IS NULL THEN NULL
                        ELSE coalesce(t._gh_deleted_at, excluded._gh_deleted_at) END,
                    _gh_as_of = excluded._gh_as_of,
                    _gh_run_id = excluded._gh_run_id
                WHERE excluded._gh_as_of >= t._gh_as_of AND (excluded._gh_hash <> t._gh_hash
                    OR (excluded._gh_deleted_at IS NOT NULL) <> (t._gh_deleted_at IS NOT NULL))
                RETURNING id, xmax = 0 AS inserted, _gh_deleted_at IS NOT NULL AS now_deleted
            )
            SELECT (SELECT count(*) FROM src)::int,
                count(w.id)::int,
                (count(*) FILTER (WHERE w.inserted AND NOT w.now_deleted))::int,
                (count(*) FILTER (WHERE w.now_deleted AND (w.inserted OR NOT coalesce(c.was_deleted, false))))::int
            FROM written w LEFT JOIN cand c ON c.id = w.id
            """;

        SoftDeleteUnseen = $"""
            WITH gone AS (
                UPDATE {Table} t SET _gh_deleted_at = $1, _gh_run_id = $2
                WHERE t._gh_deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM {schema}._gh_seen s WHERE s.stream = $3 AND s.id = t.id)
                RETURNING 1)
            SELECT count(*)::int FROM gone
            """;

        TrackSeen = $"INSERT INTO {schema}._gh_seen (stream, id) SELECT DISTINCT $1, id FROM {Staging} ON CONFLICT DO NOTHING";
    }

    public StreamDescriptor Stream { get; }

    /// <summary>Schema-qualified, quoted table name.</summary>
    public string Table { get; }

    public string Staging { get; }

    public NpgsqlDbType[] DbTypes { get; }

    public string CreateTable { get; }

    public string CreateStaging { get; }

    public string Copy { get; }

    /// <summary>$1 now, $2 run id. Returns distinct rows, written rows, new rows, newly deleted rows.</summary>
    public string Merge { get; }

    /// <summary>$1 now, $2 run id, $3 stream. Returns how many rows it soft-deleted.</summary>
    public string SoftDeleteUnseen { get; }

    /// <summary>$1 stream.</summary>
    public string TrackSeen { get; }

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
