using Greenhouse.Warehouse;

namespace Greenhouse.State;

/// <summary>The sync state kept in the warehouse: show the stored cursors, or forget a stream's (<c>greenhouse state</c>).</summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class StateService(IWarehouse warehouse)
{
    /// <summary>The stored cursors of <paramref name="stream"/> (null: of every stream).</summary>
    /// <remarks>Read-side: it never migrates or creates anything (<see cref="IWarehouse.CheckReadableAsync"/>).</remarks>
    public async Task<IReadOnlyList<StateEntry>> ShowAsync(string? stream = null, CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        return await warehouse.ReadStateAsync(stream, cancellationToken);
    }

    /// <summary>Forgets the stream's cursors and any half-done full refresh, so its next sync is a full refresh; returns how many cursors went.</summary>
    public async Task<int> ResetAsync(string stream, CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken);
        return await warehouse.ResetStateAsync(stream, cancellationToken);
    }
}
