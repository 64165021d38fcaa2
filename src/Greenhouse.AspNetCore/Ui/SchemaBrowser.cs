using Greenhouse.Catalog;
using Greenhouse.Config;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The explorer's list of tables and their columns, described once and kept for <see cref="Lifetime"/> (a sync or a
/// build that adds a table shows within it), so a page load costs no catalog reads; one list for admins (streams and
/// models) and one for viewers (models only, what their SQL may read).
/// </summary>
public sealed class SchemaBrowser(GreenhouseConfig config, IWarehouse warehouse, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<bool, (DateTimeOffset At, IReadOnlyList<TableDescription> Tables)> _cache = [];

    public async Task<IReadOnlyList<TableDescription>> TablesAsync(bool withStreams, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(withStreams, out var cached) && clock.GetUtcNow() - cached.At < Lifetime)
            {
                return cached.Tables;
            }

            var catalog = new CatalogService(config, warehouse, new CatalogOptions { SampleRows = 0 }, clock);
            var tables = new List<TableDescription>();
            foreach (var table in (await catalog.ListTablesAsync(cancellationToken)).Tables.Where(t => withStreams || t.Kind != "stream"))
            {
                tables.Add(await catalog.DescribeTableAsync(table.Name, cancellationToken));
            }

            _cache[withStreams] = (clock.GetUtcNow(), tables);
            return tables;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
