using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The metadata tables and stored rows, as numbered migrations. Append new versions; never edit an applied one.</summary>
internal static class PostgresMigrations
{
    /// <summary>
    /// Migration <c>i + 1</c> is element <c>i</c>, run on the migrating connection inside its transaction;
    /// <paramref name="schema"/> is quoted, <paramref name="rawSchema"/> the plain name.
    /// </summary>
    public static IReadOnlyList<Func<NpgsqlConnection, CancellationToken, Task>> For(string schema, string rawSchema) =>
    [
        Sql($"""
        CREATE TABLE {schema}._gh_runs (
            run_id bigserial PRIMARY KEY,
            trigger text NOT NULL,
            status text NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz);
        CREATE TABLE {schema}._gh_stream_runs (
            run_id bigint NOT NULL,
            stream text NOT NULL,
            mode text NOT NULL,
            status text NOT NULL,
            new int NOT NULL DEFAULT 0,
            updated int NOT NULL DEFAULT 0,
            unchanged int NOT NULL DEFAULT 0,
            deleted int NOT NULL DEFAULT 0,
            warnings int NOT NULL DEFAULT 0,
            pages int NOT NULL DEFAULT 0,
            started_at timestamptz NOT NULL,
            finished_at timestamptz,
            error text,
            PRIMARY KEY (run_id, stream));
        CREATE TABLE {schema}._gh_state (
            stream text NOT NULL,
            partition text NOT NULL,
            value jsonb NOT NULL,
            updated_at timestamptz NOT NULL,
            run_id bigint,
            PRIMARY KEY (stream, partition));
        CREATE TABLE {schema}._gh_seen (
            stream text NOT NULL,
            id text NOT NULL,
            PRIMARY KEY (stream, id));
        """),
        Sql($"""
        CREATE TABLE {schema}._gh_events (
            source text NOT NULL,
            event_id text NOT NULL,
            type text NOT NULL,
            stream text,
            object_id text,
            created_at timestamptz,
            received_at timestamptz NOT NULL,
            outcome text NOT NULL,
            payload jsonb NOT NULL,
            PRIMARY KEY (source, event_id));
        CREATE TABLE {schema}._gh_alerts (
            key text PRIMARY KEY,
            status text NOT NULL,
            since timestamptz NOT NULL,
            last_notified_at timestamptz,
            detail text);
        CREATE TABLE {schema}._gh_schedule (
            key text PRIMARY KEY,
            last_slot timestamptz NOT NULL,
            claimed_at timestamptz NOT NULL);
        """),
        (connection, cancellationToken) => PostgresRowHashes.RecomputeAsync(connection, schema, rawSchema, cancellationToken),
        Sql($"""
        ALTER TABLE {schema}._gh_runs ADD COLUMN kind text NOT NULL DEFAULT 'sync';
        CREATE TABLE {schema}._gh_model_runs (
            run_id bigint NOT NULL,
            node text NOT NULL,
            materialization text NOT NULL,
            status text NOT NULL,
            rows_affected bigint,
            seconds double precision NOT NULL,
            error text,
            sql_hash text,
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL,
            PRIMARY KEY (run_id, node));
        """),
        Sql($"""
        CREATE TABLE {schema}._gh_tokens (
            name text PRIMARY KEY,
            role text NOT NULL,
            hash text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL,
            expires_at timestamptz,
            revoked_at timestamptz);
        """),
        Sql($"""
        CREATE TABLE {schema}._gh_check_runs (
            id bigserial PRIMARY KEY,
            run_id bigint,
            check_name text NOT NULL,
            severity text NOT NULL,
            status text NOT NULL,
            failing_rows bigint NOT NULL,
            seconds double precision NOT NULL,
            error text,
            started_at timestamptz NOT NULL);
        CREATE INDEX _gh_check_runs_check ON {schema}._gh_check_runs (check_name, started_at);
        CREATE TABLE {schema}._gh_check_rows (
            id bigserial PRIMARY KEY,
            check_name text NOT NULL,
            key text NOT NULL,
            row jsonb NOT NULL,
            first_seen_at timestamptz NOT NULL,
            last_seen_at timestamptz NOT NULL,
            resolved_at timestamptz);
        CREATE UNIQUE INDEX _gh_check_rows_open ON {schema}._gh_check_rows (check_name, key) WHERE resolved_at IS NULL;
        CREATE INDEX _gh_check_rows_check ON {schema}._gh_check_rows (check_name, first_seen_at);
        """),
        Sql($"""
        CREATE TABLE {schema}._gh_users (
            email text PRIMARY KEY,
            role text NOT NULL,
            password_hash text NOT NULL,
            created_at timestamptz NOT NULL,
            failed_logins integer NOT NULL,
            locked_until timestamptz);
        """),
        Sql($"""
        CREATE TABLE {schema}._gh_questions (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            collection text NOT NULL,
            sql text NOT NULL,
            chart text,
            x text,
            y text,
            updated_by text NOT NULL,
            updated_at timestamptz NOT NULL);
        CREATE TABLE {schema}._gh_dashboards (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            collection text NOT NULL);
        CREATE TABLE {schema}._gh_dashboard_cards (
            dashboard_id bigint NOT NULL REFERENCES {schema}._gh_dashboards (id) ON DELETE CASCADE,
            question_id bigint NOT NULL REFERENCES {schema}._gh_questions (id) ON DELETE CASCADE,
            position integer NOT NULL,
            PRIMARY KEY (dashboard_id, question_id));
        """),
        Sql($"ALTER TABLE {schema}._gh_questions ADD COLUMN parameters text;"),
    ];

    private static Func<NpgsqlConnection, CancellationToken, Task> Sql(string sql) => async (connection, cancellationToken) =>
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    };
}
