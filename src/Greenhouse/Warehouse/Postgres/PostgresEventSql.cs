using Greenhouse.Sources;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// The one statement that applies a webhook event to one stream's table: record the event (unless its id is
/// known), then upsert its row with the batch merge's rules, in a single round trip.
/// </summary>
internal sealed class PostgresEventSql
{
    public PostgresEventSql(string schema, StreamDescriptor stream)
    {
        var sql = new PostgresStreamSql(schema, stream, 0);
        Table = sql.Table;
        DbTypes = sql.DbTypes;
        var columns = stream.Columns.Select(c => SqlIdentifier.Quote(c.Name)).ToArray();
        var values = stream.Columns.Select((_, i) => $"${i + 13}").ToArray();
        var keepTies = $"${values.Length + 13}";

        // $1 source, $2 event id, $3 type, $4 stream, $5 created, $6 received (now), $7 payload, $8 object id,
        // $9 raw, $10 hash, $11 as-of, $12 deleted, then one per typed column from $13, then keep-stored-on-tie.
        // Every part sees the table as it was before the statement: `old` is the stored row (for the outcome of a
        // write that did not happen); the upsert's ON CONFLICT guard re-checks against the latest committed row,
        // so concurrent events for one object still never let an older snapshot win.
        Apply = $"""
            WITH ev AS (
                INSERT INTO {schema}._gh_events (source, event_id, type, stream, object_id, created_at, received_at, outcome, payload)
                VALUES ($1, $2, $3, $4, $8, $5, $6, 'pending', $7)
                ON CONFLICT (source, event_id) DO NOTHING
                RETURNING 1
            ),
            old AS (
                SELECT _gh_as_of, _gh_hash, _gh_deleted_at IS NOT NULL AS was_deleted FROM {Table} WHERE id = $8
            ),
            written AS (
                INSERT INTO {Table} AS t (id, {string.Concat(columns.Select(c => c + ", "))}_gh_raw, _gh_hash, _gh_first_seen,
                    _gh_last_synced, _gh_deleted_at, _gh_as_of, _gh_run_id)
                SELECT $8, {string.Concat(values.Select(v => v + ", "))}$9, $10, $6, $6, CASE WHEN $12 THEN $6 END, $11, NULL
                WHERE EXISTS (SELECT 1 FROM ev) AND (NOT $12 OR EXISTS (SELECT 1 FROM old))
                {PostgresStreamSql.UpsertGuarded(columns, keepTies)}
                RETURNING _gh_deleted_at IS NOT NULL AS now_deleted
            ),
            seen AS (
                -- A full refresh listing the stream meanwhile must not soft-delete what this event just wrote.
                INSERT INTO {schema}._gh_seen (stream, id) SELECT $4, $8 WHERE EXISTS (SELECT 1 FROM written WHERE NOT now_deleted)
                ON CONFLICT DO NOTHING
            )
            SELECT EXISTS (SELECT 1 FROM ev),
                EXISTS (SELECT 1 FROM written),
                coalesce((SELECT now_deleted FROM written), false),
                (SELECT _gh_as_of > $11 OR ({keepTies} AND _gh_as_of = $11 AND _gh_hash <> $10) FROM old),
                coalesce((SELECT was_deleted FROM old), false)
            """;
    }

    public string Table { get; }

    public NpgsqlDbType[] DbTypes { get; }

    /// <summary>Returns: event new, row written, row now deleted, stored snapshot newer or a kept tie (null: none stored), stored row was deleted.</summary>
    public string Apply { get; }

    /// <summary>The stored snapshot of one id: $1 id.</summary>
    public string ReadSnapshot => $"SELECT _gh_as_of, _gh_hash, _gh_deleted_at IS NOT NULL FROM {Table} WHERE id = $1";

    /// <summary>Records an event that maps to no stream: $1 source, $2 event id, $3 type, $4 created, $5 received, $6 payload.</summary>
    public static string StoreOnly(string schema) => $"""
        INSERT INTO {schema}._gh_events (source, event_id, type, stream, object_id, created_at, received_at, outcome, payload)
        VALUES ($1, $2, $3, NULL, NULL, $4, $5, 'stored', $6)
        ON CONFLICT (source, event_id) DO NOTHING
        RETURNING 1
        """;

    /// <summary>Records the outcomes of applied events: $1 sources, $2 event ids, $3 outcomes (parallel arrays).</summary>
    public static string RecordOutcomes(string schema) => $"""
        UPDATE {schema}._gh_events AS e SET outcome = u.outcome
        FROM unnest($1::text[], $2::text[], $3::text[]) AS u(source, event_id, outcome)
        WHERE e.source = u.source AND e.event_id = u.event_id
        """;
}
