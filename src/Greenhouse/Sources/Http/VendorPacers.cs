using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Greenhouse.Config;

namespace Greenhouse.Sources.Http;

/// <summary>
/// The request pacers of one sync: one token bucket per vendor, host and credential, shared by every source that
/// uses them, because a vendor counts its rate limit per key, not per Greenhouse source. Two sources with the same
/// Stripe key (say, one per product line) therefore share Stripe's 25 requests a second instead of each taking it.
/// A shared pacer runs at the slowest rate its sources ask for. Sources without credentials share by host.
/// </summary>
public sealed class VendorPacers : IDisposable
{
    private readonly Dictionary<string, RateLimiter?> _pacers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyBySource = new(StringComparer.Ordinal);

    public VendorPacers(IEnumerable<SourceConfig> sources, ConnectorRegistry connectors)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(connectors);
        foreach (var group in sources.GroupBy(s => Key(s, connectors[s.Type]), StringComparer.Ordinal))
        {
            var connector = connectors[group.First().Type];
            var rates = group.Select(s => s.RequestsPerSecond ?? connector.DefaultRequestsPerSecond).OfType<double>().ToList();
            _pacers[group.Key] = rates.Count == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, connector.RequestBurst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rates.Min()),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            foreach (var source in group)
            {
                _keyBySource[source.Name] = group.Key;
            }
        }
    }

    /// <summary>The pacer <paramref name="source"/> shares with the other sources of its credential; null when it is not paced.</summary>
    public RateLimiter? For(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _keyBySource.TryGetValue(source.Name, out var key) ? _pacers[key] : throw new ArgumentException($"Source {source.Name} was not planned.", nameof(source));
    }

    /// <summary>How many distinct pacers the sources share (one per vendor, host and credential).</summary>
    public int Count => _pacers.Count;

    public void Dispose()
    {
        foreach (var pacer in _pacers.Values)
        {
            pacer?.Dispose();
        }
    }

    /// <summary>Vendor type, API host and a hash of the credential values: never the secrets themselves.</summary>
    private static string Key(SourceConfig source, IConnector connector)
    {
        var host = (source.BaseUrl ?? connector.DefaultBaseUrl).GetLeftPart(UriPartial.Authority);
        var secrets = string.Join("\n", source.Credentials.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Value));
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secrets)));
        return $"{source.Type} {host.ToLowerInvariant()} {fingerprint}";
    }
}
