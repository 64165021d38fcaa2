namespace Greenhouse.Warehouse;

/// <summary>Stream cursors (<c>_gh_state</c>); <see cref="IStreamStore.CommitBatchAsync"/> writes them with the rows.</summary>
public interface IStateStore
{
    Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default);

    /// <summary>Forgets a stream's cursors (and any half-done full refresh); returns how many were removed.</summary>
    Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default);
}
