using System.Threading.RateLimiting;

namespace Greenhouse.Sources.Http;

/// <summary>
/// The pacers of one credential's endpoints, for a vendor that limits each endpoint as well as the credential overall:
/// one token bucket per endpoint name (the connector names a request's endpoint), made on first use and shared by every
/// source and stream of that credential. Each bucket replenishes on its own timer: a partitioned limiter's shared timer
/// ticks only every 100 ms, too seldom for a bucket that refills every 40 ms.
/// </summary>
public sealed class EndpointPacers(Func<RateLimiter> create) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RateLimiter> _pacers = new(StringComparer.Ordinal);

    /// <summary>The pacer of <paramref name="endpoint"/> (a vendor's name for one operation, e.g. <c>GET /v1/customers/{id}</c>).</summary>
    public RateLimiter For(string endpoint)
    {
        lock (_lock)
        {
            if (!_pacers.TryGetValue(endpoint, out var pacer))
            {
                _pacers[endpoint] = pacer = create();
            }

            return pacer;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var pacer in _pacers.Values)
            {
                pacer.Dispose();
            }

            _pacers.Clear();
        }
    }
}
