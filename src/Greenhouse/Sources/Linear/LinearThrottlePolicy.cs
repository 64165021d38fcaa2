using System.Globalization;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Linear;

/// <summary>
/// Linear throttles with a <c>RATELIMITED</c> GraphQL error (HTTP 400 or 429) and says when its buckets refill in
/// <c>X-RateLimit-{Requests,Complexity,Endpoint-Requests}-Reset</c>, as UTC epoch <b>milliseconds</b>.
/// </summary>
internal sealed class LinearThrottlePolicy : IThrottlePolicy
{
    private static readonly string[] Buckets = ["X-RateLimit-Requests", "X-RateLimit-Complexity", "X-RateLimit-Endpoint-Requests"];

    public ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        GraphQLErrorCodes.ContainsAsync(response, "RATELIMITED", cancellationToken);

    /// <summary>Until the latest reset of an exhausted bucket; null (exponential backoff) when no bucket says it is empty.</summary>
    public TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        foreach (var bucket in Buckets)
        {
            if (Number(response, bucket + "-Remaining") is <= 0 && Number(response, bucket + "-Reset") is { } resetMs)
            {
                var until = DateTimeOffset.FromUnixTimeMilliseconds(resetMs) - now;
                until = until < TimeSpan.Zero ? TimeSpan.Zero : until;
                wait = wait is { } longest && longest > until ? longest : until;
            }
        }

        return wait;
    }

    private static long? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
