using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>
/// The database a business owns. The only place that knows SQL dialects. Landed tables live in the raw
/// schema (PostgreSQL: schema <c>raw</c>, table <c>stripe_customers</c>; SQLite: table <c>raw_stripe_customers</c>);
/// metadata tables and columns share the prefix <c>_gh_</c>.
/// </summary>
public interface IWarehouse : IAsyncDisposable, IEventStore, IAlertStore, IScheduleStore
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Kind { get; }

    /// <summary>Where it is, without any password: a file path or host:port/database.</summary>
    string Description { get; }

    /// <summary>Creates or migrates the metadata tables (versioned in <c>_gh_migrations</c>). Idempotent.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the one-run-at-a-time lock of this warehouse (PostgreSQL advisory lock; a lock on a SQLite
    /// side file). Returns null when another run holds it and <paramref name="wait"/> is false.
    /// Disposing releases it; a killed process releases it too.
    /// </summary>
    Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default);

    /// <summary>Creates the stream's table, or adds the columns it declares that the table lacks.</summary>
    Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default);

    /// <summary>The table name to use in SQL, qualified and quoted as this dialect needs.</summary>
    string TableSql(StreamDescriptor stream);

    /// <summary>Starts a run. Runs still marked running (their process died) become interrupted.</summary>
    Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Writes rows, state and counters in one transaction (see <see cref="BatchCommit"/>).</summary>
    Task<BatchCounts> CommitBatchAsync(BatchCommit batch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default);

    /// <summary>Forgets a stream's cursors (and any half-done full refresh); returns how many were removed.</summary>
    Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>Stream runs, newest first.</summary>
    Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default);

    /// <summary>Rows not soft-deleted.</summary>
    Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default);

    Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default);
}
