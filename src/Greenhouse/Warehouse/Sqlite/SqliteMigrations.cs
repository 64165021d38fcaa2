using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The metadata tables and stored rows, as numbered migrations. Append new versions; never edit an applied one.</summary>
internal static class SqliteMigrations
{
    /// <summary>Migration <c>i + 1</c> is element <c>i</c>, run inside the migrating transaction.</summary>
    public static IReadOnlyList<Action<SqliteConnection, SqliteTransaction>> All { get; } =
    [
        Sql("""
        CREATE TABLE _gh_runs (
            run_id INTEGER PRIMARY KEY AUTOINCREMENT,
            trigger TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT);
        CREATE TABLE _gh_stream_runs (
            run_id INTEGER NOT NULL,
            stream TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            pages INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            error TEXT,
            PRIMARY KEY (run_id, stream));
        CREATE TABLE _gh_state (
            stream TEXT NOT NULL,
            partition TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            run_id INTEGER,
            PRIMARY KEY (stream, partition));
        CREATE TABLE _gh_seen (
            stream TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (stream, id)) WITHOUT ROWID;
        """),
        Sql("""
        CREATE TABLE _gh_events (
            source TEXT NOT NULL,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            stream TEXT,
            object_id TEXT,
            created_at TEXT,
            received_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (source, event_id));
        CREATE TABLE _gh_alerts (
            key TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            since TEXT NOT NULL,
            last_notified_at TEXT,
            detail TEXT);
        CREATE TABLE _gh_schedule (
            key TEXT PRIMARY KEY,
            last_slot TEXT NOT NULL,
            claimed_at TEXT NOT NULL);
        """),
        SqliteRowHashes.Recompute,
        Sql("""
        ALTER TABLE _gh_runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'sync';
        CREATE TABLE _gh_model_runs (
            run_id INTEGER NOT NULL,
            node TEXT NOT NULL,
            materialization TEXT NOT NULL,
            status TEXT NOT NULL,
            rows_affected INTEGER,
            seconds REAL NOT NULL,
            error TEXT,
            sql_hash TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (run_id, node));
        """),
        Sql("""
        CREATE TABLE _gh_tokens (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            expires_at TEXT,
            revoked_at TEXT);
        """),
        Sql("""
        CREATE TABLE _gh_check_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER,
            check_name TEXT NOT NULL,
            severity TEXT NOT NULL,
            status TEXT NOT NULL,
            failing_rows INTEGER NOT NULL,
            seconds REAL NOT NULL,
            error TEXT,
            started_at TEXT NOT NULL);
        CREATE INDEX _gh_check_runs_check ON _gh_check_runs (check_name, started_at);
        CREATE TABLE _gh_check_rows (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            check_name TEXT NOT NULL,
            key TEXT NOT NULL,
            row TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            resolved_at TEXT);
        CREATE UNIQUE INDEX _gh_check_rows_open ON _gh_check_rows (check_name, key) WHERE resolved_at IS NULL;
        CREATE INDEX _gh_check_rows_check ON _gh_check_rows (check_name, first_seen_at);
        """),
        Sql("""
        CREATE TABLE _gh_users (
            email TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            failed_logins INTEGER NOT NULL,
            locked_until TEXT);
        """),
        Sql("""
        CREATE TABLE _gh_questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            collection TEXT NOT NULL,
            sql TEXT NOT NULL,
            chart TEXT,
            x TEXT,
            y TEXT,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE _gh_dashboards (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            collection TEXT NOT NULL);
        CREATE TABLE _gh_dashboard_cards (
            dashboard_id INTEGER NOT NULL REFERENCES _gh_dashboards (id) ON DELETE CASCADE,
            question_id INTEGER NOT NULL REFERENCES _gh_questions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (dashboard_id, question_id));
        """),
        Sql("ALTER TABLE _gh_questions ADD COLUMN parameters TEXT;"),
    ];

    private static Action<SqliteConnection, SqliteTransaction> Sql(string sql) => (connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    };
}
