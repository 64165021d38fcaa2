namespace Greenhouse.Sources.Http;

/// <summary>
/// How a vendor says "slow down" beyond a 429 with <c>Retry-After</c> (GitHub: 403 with
/// <c>X-RateLimit-Remaining: 0</c>; Linear: a <c>RATELIMITED</c> GraphQL error), and how long it asks to wait.
/// The response's body is buffered, so a policy may read it.
/// </summary>
public interface IThrottlePolicy
{
    ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>The wait the vendor asks for (e.g. until its reset time), or null for exponential backoff.</summary>
    TimeSpan? Delay(HttpResponseMessage response, DateTimeOffset now);
}
