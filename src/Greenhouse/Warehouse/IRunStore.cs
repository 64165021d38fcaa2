using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>Runs (<c>_gh_runs</c>, <c>_gh_stream_runs</c>) and the one-run-at-a-time lock.</summary>
public interface IRunStore
{
    /// <summary>
    /// Takes the one-run-at-a-time lock of this warehouse (PostgreSQL advisory lock; a lock on a SQLite
    /// side file). Returns null when another run holds it and <paramref name="wait"/> is false.
    /// Disposing releases it; a killed process releases it too.
    /// </summary>
    Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default);

    /// <summary>Starts a run. Runs still marked running (their process died) become interrupted.</summary>
    Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stream runs, newest first.</summary>
    Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default);
}
