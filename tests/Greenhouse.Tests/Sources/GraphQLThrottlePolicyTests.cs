using System.Net;
using System.Text;
using Greenhouse.Sources.Linear;
using Greenhouse.Sources.Plain;

namespace Greenhouse.Tests.Sources;

/// <summary>How the Linear and Plain throttle policies read "slow down" and "until when".</summary>
public sealed class GraphQLThrottlePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 6, 15, 29, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public async Task Linear_RATELIMITED_waits_until_the_reset_in_epoch_milliseconds()
    {
        var policy = new LinearThrottlePolicy();
        using var response = Response(
            HttpStatusCode.BadRequest,
            """{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED"}}]}""",
            ("X-RateLimit-Requests-Remaining", "0"),
            ("X-RateLimit-Requests-Reset", Now.AddSeconds(42).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("X-RateLimit-Complexity-Remaining", "1000"),
            ("X-RateLimit-Complexity-Reset", Now.AddHours(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(await policy.IsThrottledAsync(response, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(42), policy.Delay(response, Now));
    }

    [Fact]
    public async Task Linear_other_errors_are_not_throttling_and_full_buckets_ask_for_no_wait()
    {
        var policy = new LinearThrottlePolicy();
        using var response = Response(
            HttpStatusCode.OK,
            """{"errors":[{"message":"bad","extensions":{"code":"BAD_USER_INPUT"}}]}""",
            ("X-RateLimit-Requests-Remaining", "1499"),
            ("X-RateLimit-Requests-Reset", Now.AddHours(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(await policy.IsThrottledAsync(response, CancellationToken.None));
        Assert.Null(policy.Delay(response, Now));
    }

    [Fact]
    public async Task Plain_429_waits_until_the_ISO_8601_reset()
    {
        var policy = new PlainThrottlePolicy();
        using var response = Response(
            HttpStatusCode.TooManyRequests,
            """{"errors":[{"message":"Too Many Requests - Rate limit exceeded","extensions":{"code":"RATE_LIMITED"}}]}""",
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "2026-01-06T15:30:00.000Z"));

        Assert.True(await policy.IsThrottledAsync(response, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(1), policy.Delay(response, Now));
    }

    [Fact]
    public void Plain_a_reset_in_the_past_or_a_server_error_does_not_stretch_the_wait()
    {
        var policy = new PlainThrottlePolicy();
        using var past = Response(HttpStatusCode.TooManyRequests, "{}", ("x-ratelimit-reset", "2026-01-06T15:00:00.000Z"));
        using var serverError = Response(HttpStatusCode.InternalServerError, "{}", ("x-ratelimit-remaining", "10"), ("x-ratelimit-reset", "2026-01-06T15:30:00.000Z"));

        Assert.Equal(TimeSpan.Zero, policy.Delay(past, Now));
        Assert.Null(policy.Delay(serverError, Now));
    }
}
