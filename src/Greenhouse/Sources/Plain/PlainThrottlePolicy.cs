using System.Globalization;
using System.Net;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// Plain throttles with 429 and a <c>RATE_LIMITED</c> GraphQL error, and says when its window resets in
/// <c>x-ratelimit-reset</c> as an ISO 8601 timestamp.
/// </summary>
internal sealed class PlainThrottlePolicy : IThrottlePolicy
{
    public async ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || await GraphQLErrorCodes.ContainsAsync(response, "RATE_LIMITED", cancellationToken);

    /// <summary>Until <c>x-ratelimit-reset</c> when the response is a 429 or says nothing remains; null (exponential backoff) otherwise.</summary>
    public TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now)
    {
        var exhausted = response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining)
                && long.TryParse(remaining.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) && left <= 0);
        if (!exhausted || !response.Headers.TryGetValues("x-ratelimit-reset", out var values)
            || !DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset))
        {
            return null;
        }

        var wait = reset - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
