using System.Globalization;
using System.Net;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// GitHub's ways of saying "slow down": a 403 or 429 with <c>X-RateLimit-Remaining: 0</c> (the primary limit:
/// wait until <c>X-RateLimit-Reset</c>), or one whose message mentions a secondary rate limit (wait for
/// <c>Retry-After</c>, which the client honours first, else at least a minute, as GitHub documents).
/// </summary>
internal sealed class GitHubThrottlePolicy : IThrottlePolicy
{
    private static readonly TimeSpan SecondaryDefault = TimeSpan.FromSeconds(60);

    public async ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return false;
        }

        if (Remaining(response) == 0 || response.Headers.RetryAfter is not null)
        {
            return true;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);
    }

    public TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Remaining(response) == 0 && Header(response, "X-RateLimit-Reset") is { } reset
            && long.TryParse(reset, CultureInfo.InvariantCulture, out var seconds))
        {
            // Reset is whole seconds: wait until it has surely passed.
            var wait = DateTimeOffset.FromUnixTimeSeconds(seconds) - now + TimeSpan.FromMilliseconds(250);
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(250);
        }

        return SecondaryDefault;
    }

    private static int? Remaining(HttpResponseMessage response) =>
        Header(response, "X-RateLimit-Remaining") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
