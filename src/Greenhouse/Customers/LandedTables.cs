using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Customers;

/// <summary>
/// The landed tables a customer lookup reads, found by their source's connector type and stream name (a source may be
/// named anything: <c>billing</c> of type <c>stripe</c>); a stream not configured or not synced yet has none.
/// </summary>
internal sealed class LandedTables
{
    public const string Stripe = "stripe";
    public const string Plain = "plain";
    public const string Buttondown = "buttondown";
    public const string GitHub = "github";
    public const string Linear = "linear";
    public const string Sentry = "sentry";

    private static readonly HashSet<(string Type, string Stream)> Read =
    [
        (Stripe, "customers"), (Stripe, "subscriptions"), (Stripe, "invoices"), (Stripe, "charges"), (Stripe, "refunds"),
        (Plain, "customers"), (Plain, "threads"),
        (Buttondown, "subscribers"),
        (GitHub, "issues"), (GitHub, "pull_requests"),
        (Linear, "users"), (Linear, "issues"),
    ];

    private readonly Dictionary<(string Type, string Stream), List<LandedTable>> _tables;
    private readonly HashSet<string> _types;

    private LandedTables(Dictionary<(string Type, string Stream), List<LandedTable>> tables, HashSet<string> types)
    {
        _tables = tables;
        _types = types;
    }

    public static async Task<LandedTables> FindAsync(GreenhouseConfig config, IWarehouse warehouse, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<(string, string), List<LandedTable>>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in SyncPlan.For(config).Sources)
        {
            types.Add(source.Config.Type);
            foreach (var stream in source.Streams.Where(s => Read.Contains((source.Config.Type, s.Name))))
            {
                if (await warehouse.DescribeRelationAsync(config.Schema, stream.TableName, cancellationToken) is { } info)
                {
                    var key = (source.Config.Type, stream.Name);
                    if (!tables.TryGetValue(key, out var list))
                    {
                        tables[key] = list = [];
                    }

                    list.Add(new LandedTable(stream, warehouse.TableSql(stream), info.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)));
                }
            }
        }

        return new LandedTables(tables, types);
    }

    /// <summary>The landed tables of stream <paramref name="stream"/> of every source of connector type <paramref name="type"/>.</summary>
    public IReadOnlyList<LandedTable> Of(string type, string stream) => _tables.GetValueOrDefault((type, stream)) ?? [];

    public IReadOnlyList<LandedTable> Of(PersonTable people) => Of(people.Type, people.Stream);

    /// <summary>A source of this connector type is configured.</summary>
    public bool Configured(string type) => _types.Contains(type);

    /// <summary>The names of every landed table read, for a message that says where a search looked.</summary>
    public IEnumerable<string> Names => _tables.Values.SelectMany(t => t).Select(t => t.Name).Order(StringComparer.Ordinal);
}
