namespace Greenhouse.Warehouse;

/// <summary>
/// The metadata statements both dialects spell the same way (runs, state, alerts, schedule slots), written once.
/// Parameters are positional (<c>$1</c>, <c>$2</c>…) in both; PostgreSQL callers pass typed parameters so nulls need no cast.
/// </summary>
/// <param name="prefix">What goes before a metadata table's name: <c>"raw".</c> (PostgreSQL's schema) or nothing (SQLite).</param>
internal sealed class MetadataSql(string prefix)
{
    public string InterruptStreamRuns { get; } = $"UPDATE {prefix}_gh_stream_runs SET status = 'interrupted' WHERE status = 'running'";

    public string InterruptRuns { get; } = $"UPDATE {prefix}_gh_runs SET status = 'interrupted' WHERE status = 'running'";

    /// <summary>$1 trigger, $2 started; returns the run id.</summary>
    public string InsertRun { get; } = $"INSERT INTO {prefix}_gh_runs (trigger, status, started_at) VALUES ($1, 'running', $2) RETURNING run_id";

    /// <summary>$1 trigger, $2 started; returns the run id.</summary>
    public string InsertTransformRun { get; } =
        $"INSERT INTO {prefix}_gh_runs (trigger, kind, status, started_at) VALUES ($1, 'transform', 'running', $2) RETURNING run_id";

    /// <summary>$1 run id, $2 node, $3 materialization, $4 status, $5 rows, $6 seconds, $7 error, $8 SQL hash, $9 started, $10 finished.</summary>
    public string InsertModelRun { get; } = $"""
        INSERT INTO {prefix}_gh_model_runs (run_id, node, materialization, status, rows_affected, seconds, error, sql_hash, started_at, finished_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    /// <summary>$1 run id (null: every run), $2 limit; columns as <see cref="ModelRunRecord"/>.</summary>
    public string ReadModelRuns { get; } = $"""
        SELECT run_id, node, materialization, status, rows_affected, seconds, error, sql_hash, started_at, finished_at
        FROM {prefix}_gh_model_runs
        WHERE $1 IS NULL OR run_id = $1
        ORDER BY run_id DESC, started_at, node
        LIMIT $2
        """;

    /// <summary>$1 status, $2 finished, $3 run id.</summary>
    public string FinishRun { get; } = $"UPDATE {prefix}_gh_runs SET status = $1, finished_at = $2 WHERE run_id = $3";

    /// <summary>$1 run id, $2 stream, $3 mode, $4 started.</summary>
    public string BeginStreamRun { get; } = $"""
        INSERT INTO {prefix}_gh_stream_runs (run_id, stream, mode, status, started_at) VALUES ($1, $2, $3, 'running', $4)
        ON CONFLICT (run_id, stream) DO UPDATE SET mode = excluded.mode, status = excluded.status,
            started_at = excluded.started_at, finished_at = NULL, error = NULL
        """;

    /// <summary>$1 status, $2 error, $3 finished, $4 run id, $5 stream.</summary>
    public string FinishStreamRun { get; } = $"UPDATE {prefix}_gh_stream_runs SET status = $1, error = $2, finished_at = $3 WHERE run_id = $4 AND stream = $5";

    /// <summary>$1 run id (null: every run), $2 limit; columns as <see cref="StreamRunRecord"/> without its seconds.</summary>
    public string ReadStreamRuns { get; } = $"""
        SELECT run_id, stream, mode, status, new, updated, unchanged, deleted, warnings, pages, started_at, finished_at, error
        FROM {prefix}_gh_stream_runs
        WHERE $1 IS NULL OR run_id = $1
        ORDER BY run_id DESC, started_at DESC, stream
        LIMIT $2
        """;

    /// <summary>$1 stream (null: every stream); the value as JSON text.</summary>
    public string ReadState { get; } =
        $"SELECT stream, partition, CAST(value AS text), updated_at, run_id FROM {prefix}_gh_state WHERE $1 IS NULL OR stream = $1 ORDER BY stream, partition";

    /// <summary>$1 stream.</summary>
    public string DeleteState { get; } = $"DELETE FROM {prefix}_gh_state WHERE stream = $1";

    /// <summary>$1 stream.</summary>
    public string DeleteSeen { get; } = $"DELETE FROM {prefix}_gh_seen WHERE stream = $1";

    public string ReadAlerts { get; } = $"SELECT key, status, since, last_notified_at, detail FROM {prefix}_gh_alerts ORDER BY key";

    /// <summary>$1 key, $2 status, $3 since, $4 last notified, $5 detail.</summary>
    public string SaveAlert { get; } = $"""
        INSERT INTO {prefix}_gh_alerts (key, status, since, last_notified_at, detail) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (key) DO UPDATE SET status = excluded.status, since = excluded.since,
            last_notified_at = excluded.last_notified_at, detail = excluded.detail
        """;

    /// <summary>$1 key.</summary>
    public string DeleteAlert { get; } = $"DELETE FROM {prefix}_gh_alerts WHERE key = $1";

    /// <summary>$1 key, $2 slot, $3 now; returns a row when the slot was claimed.</summary>
    public string ClaimSlot { get; } = $"""
        INSERT INTO {prefix}_gh_schedule AS s (key, last_slot, claimed_at) VALUES ($1, $2, $3)
        ON CONFLICT (key) DO UPDATE SET last_slot = excluded.last_slot, claimed_at = excluded.claimed_at
        WHERE s.last_slot < excluded.last_slot
        RETURNING 1
        """;

    /// <summary>$1 name, $2 role, $3 hash, $4 created, $5 expires; returns a row when stored (new, or replacing a revoked or expired token).</summary>
    public string AddToken { get; } = $"""
        INSERT INTO {prefix}_gh_tokens AS t (name, role, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (name) DO UPDATE SET role = excluded.role, hash = excluded.hash, created_at = excluded.created_at,
            expires_at = excluded.expires_at, revoked_at = NULL
        WHERE t.revoked_at IS NOT NULL OR t.expires_at <= excluded.created_at
        RETURNING 1
        """;

    public string ReadTokens { get; } = $"SELECT name, role, created_at, expires_at, revoked_at FROM {prefix}_gh_tokens ORDER BY name";

    /// <summary>$1 hash.</summary>
    public string FindToken { get; } = $"SELECT name, role, created_at, expires_at, revoked_at FROM {prefix}_gh_tokens WHERE hash = $1";

    /// <summary>$1 name, $2 revoked at.</summary>
    /// <summary>$1 email, $2 role, $3 hash, $4 created; returns the email when it was added (none when it existed).</summary>
    public string AddUser { get; } = $"""
        INSERT INTO {prefix}_gh_users (email, role, password_hash, created_at, failed_logins) VALUES ($1, $2, $3, $4, 0)
        ON CONFLICT (email) DO NOTHING RETURNING email
        """;

    public string ReadUsers { get; } = $"SELECT email, role, password_hash, created_at, failed_logins, locked_until FROM {prefix}_gh_users ORDER BY email";

    public string FindUser { get; } = $"SELECT email, role, password_hash, created_at, failed_logins, locked_until FROM {prefix}_gh_users WHERE email = $1";

    /// <summary>$1 email, $2 role, $3 hash.</summary>
    public string UpdateUser { get; } = $"UPDATE {prefix}_gh_users SET role = $2, password_hash = $3, failed_logins = 0, locked_until = NULL WHERE email = $1";

    /// <summary>$1 email, $2 failed logins, $3 locked until.</summary>
    public string SetLoginState { get; } = $"UPDATE {prefix}_gh_users SET failed_logins = $2, locked_until = $3 WHERE email = $1";

    public string RemoveUser { get; } = $"DELETE FROM {prefix}_gh_users WHERE email = $1";

    public string RevokeToken { get; } = $"UPDATE {prefix}_gh_tokens SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL";

    /// <summary>$1 run id, $2 check, $3 severity, $4 status, $5 failing rows, $6 seconds, $7 error, $8 started; returns the id.</summary>
    public string InsertCheckRun { get; } = $"""
        INSERT INTO {prefix}_gh_check_runs (run_id, check_name, severity, status, failing_rows, seconds, error, started_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
        """;

    /// <summary>$1 check (null: every check), $2 limit; columns as <see cref="CheckRunRecord"/>.</summary>
    public string ReadCheckRuns { get; } = $"""
        SELECT id, run_id, check_name, severity, status, failing_rows, seconds, error, started_at
        FROM {prefix}_gh_check_runs
        WHERE $1 IS NULL OR check_name = $1
        ORDER BY started_at DESC, id DESC
        LIMIT $2
        """;

    /// <summary>$1 check, $2 key, $3 row JSON, $4 first seen (also last seen).</summary>
    public string InsertCheckRow { get; } = $"""
        INSERT INTO {prefix}_gh_check_rows (check_name, key, row, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
        """;

    /// <summary>$1 id, $2 row JSON, $3 last seen.</summary>
    public string SeeCheckRow { get; } = $"UPDATE {prefix}_gh_check_rows SET row = $2, last_seen_at = $3 WHERE id = $1";

    /// <summary>$1 id, $2 resolved at.</summary>
    public string ResolveCheckRow { get; } = $"UPDATE {prefix}_gh_check_rows SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL";

    /// <summary>$1 check (null: every check); columns as <see cref="CheckRowRecord"/>, the row as JSON text.</summary>
    public string ReadOpenCheckRows { get; } = $"""
        SELECT id, check_name, key, CAST(row AS text), first_seen_at, last_seen_at, resolved_at
        FROM {prefix}_gh_check_rows
        WHERE resolved_at IS NULL AND ($1 IS NULL OR check_name = $1)
        ORDER BY check_name, first_seen_at, id
        """;
}
