namespace Greenhouse.Warehouse;

/// <summary>
/// Check history: each run of a check (<c>_gh_check_runs</c>) and each offending row over time (<c>_gh_check_rows</c>:
/// one row per key while it keeps failing; a key that fails again after it was resolved gets a new row).
/// </summary>
public interface ICheckStore
{
    /// <summary>
    /// Stores one run of a check and, in the same transaction, what it changed in the check's rows: keys newly
    /// failing (inserted), keys seen again (their row and <c>last_seen_at</c> updated), keys gone (<c>resolved_at</c> set).
    /// Returns the run's id.
    /// </summary>
    Task<long> RecordCheckRunAsync(CheckRunRecord run, CheckRowChanges changes, CancellationToken cancellationToken = default);

    /// <summary>The open (unresolved) rows of <paramref name="check"/>, or of every check when null, oldest first.</summary>
    Task<IReadOnlyList<CheckRowRecord>> ReadOpenCheckRowsAsync(string? check = null, CancellationToken cancellationToken = default);

    /// <summary>The latest runs of <paramref name="check"/>, or of every check when null, newest first.</summary>
    Task<IReadOnlyList<CheckRunRecord>> ReadCheckRunsAsync(string? check = null, int limit = 200, CancellationToken cancellationToken = default);
}
