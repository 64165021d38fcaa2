using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Greenhouse.Config;

namespace Greenhouse.Sources.Http;

/// <summary>
/// The request pacers of one sync: one token bucket per vendor, host and credential, shared by every source that
/// uses them, because a vendor counts its rate limit per key, not per Greenhouse source. Two sources with the same
/// Stripe key (say, one per product line) therefore share the key's requests a second instead of each taking them.
/// A shared pacer runs at the slowest rate its sources ask for (a configured <c>requests_per_second</c>, else the
/// rate the connector gives the credential). A vendor that limits each endpoint too gets, per credential, one more
/// bucket per endpoint (<see cref="EndpointPacers"/>). Sources without credentials share by host.
/// </summary>
public sealed class VendorPacers : IDisposable
{
    private readonly Dictionary<string, RateLimiter> _pacers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EndpointPacers?> _endpointPacers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyBySource = new(StringComparer.Ordinal);

    public VendorPacers(IEnumerable<SourceConfig> sources, ConnectorRegistry connectors)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(connectors);
        foreach (var group in sources.GroupBy(s => Key(s, connectors[s.Type]), StringComparer.Ordinal))
        {
            var connector = connectors[group.First().Type];
            var burst = Math.Max(1, connector.RequestBurst);
            _pacers[group.Key] = Bucket(group.Min(s => s.RequestsPerSecond ?? connector.RequestsPerSecondFor(s)), burst);
            _endpointPacers[group.Key] = group.Min(connector.EndpointRequestsPerSecondFor) is { } endpointRate
                ? new EndpointPacers(() => Bucket(endpointRate, burst))
                : null;
            foreach (var source in group)
            {
                _keyBySource[source.Name] = group.Key;
            }
        }
    }

    /// <summary>The pacer <paramref name="source"/> shares with the other sources of its credential.</summary>
    public RateLimiter For(SourceConfig source) => _pacers[KeyOf(source)];

    /// <summary>The endpoints' pacers <paramref name="source"/> shares with the other sources of its credential; null when its vendor limits only overall.</summary>
    public EndpointPacers? EndpointsFor(SourceConfig source) => _endpointPacers[KeyOf(source)];

    /// <summary>How many distinct pacers the sources share (one per vendor, host and credential).</summary>
    public int Count => _pacers.Count;

    public void Dispose()
    {
        foreach (var pacer in _pacers.Values)
        {
            pacer.Dispose();
        }

        foreach (var pacers in _endpointPacers.Values)
        {
            pacers?.Dispose();
        }
    }

    private string KeyOf(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _keyBySource.TryGetValue(source.Name, out var key) ? key : throw new ArgumentException($"Source {source.Name} was not planned.", nameof(source));
    }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled one at a time at <paramref name="requestsPerSecond"/>; waiters queue in order.</summary>
    private static TokenBucketRateLimiter Bucket(double requestsPerSecond, int burst) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / requestsPerSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    /// <summary>Vendor type, API host and a hash of the credential values: never the secrets themselves.</summary>
    private static string Key(SourceConfig source, IConnector connector)
    {
        var host = (source.BaseUrl ?? connector.DefaultBaseUrl).GetLeftPart(UriPartial.Authority);
        var secrets = string.Join("\n", source.Credentials.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Value));
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secrets)));
        return $"{source.Type} {host.ToLowerInvariant()} {fingerprint}";
    }
}
