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

    /// <summary>
    /// Forgets the stream's cursors and any half-done full refresh, so its next sync is a full refresh; returns how many
    /// cursors went. <paramref name="known"/> are the streams the config enables: a name that is neither one of them nor
    /// stored in the warehouse is a mistake, refused with a suggestion (a typo must not look like a stream without state).
    /// </summary>
    public async Task<int> ResetAsync(string stream, IReadOnlyCollection<string> known, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(known);
        await warehouse.MigrateAsync(cancellationToken);
        if (!known.Contains(stream))
        {
            var stored = (await warehouse.ReadStateAsync(null, cancellationToken)).Select(e => e.Stream).Distinct(StringComparer.Ordinal).ToList();
            if (!stored.Contains(stream))
            {
                var names = known.Concat(stored).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                throw new Config.ConfigException(
                    $"state reset {stream}: no such stream.{Config.DidYouMean.Hint(stream, names)}{(names.Count > 0 ? " Streams: " + string.Join(", ", names) : "")}");
            }
        }

        return await warehouse.ResetStateAsync(stream, cancellationToken);
    }
}
