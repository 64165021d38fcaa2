using System.Globalization;
using System.Net;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Sentry;

/// <summary>
/// On a 429 without <c>Retry-After</c>, waits until <c>X-Sentry-Rate-Limit-Reset</c> (UTC epoch seconds, the end of
/// Sentry's fixed window), at most a minute; otherwise the client's exponential backoff applies.
/// </summary>
internal sealed class SentryThrottlePolicy : IThrottlePolicy
{
    public const string ResetHeader = "X-Sentry-Rate-Limit-Reset";

    // 429 is already retried by the shared client; nothing else in Sentry means "slow down".
    public ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests
            || !response.Headers.TryGetValues(ResetHeader, out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }
}
