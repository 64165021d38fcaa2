using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Sentry;

/// <summary>
/// A fake of Sentry's organization list API (<c>/sentry/api/0/organizations/acme/{projects,releases,issues}/</c>):
/// Bearer auth, Link-header cursors with <c>results</c>, <c>limit</c> ≤ 100, the issue filters, the
/// <c>X-Sentry-Rate-Limit-*</c> headers and <c>{"detail":…}</c> errors, with <see cref="Data"/> to change issues,
/// <see cref="Faults"/> to break requests, and request counters. A 429 carries <c>Retry-After</c> only when a fault rule
/// asks for it (whether Sentry sends one is unverified); the reset header always says when the window reopens.
/// </summary>
public sealed class SentryFake : IVendorFake
{
    private const string Prefix = "/sentry";

    private readonly SandboxOptions _options;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter _limiter = new(TimeSpan.FromSeconds(1));

    internal SentryFake(SandboxOptions options, TimeProvider clock)
    {
        _options = options;
        Data = new SentryFakeData(options.Seed, options.Size, clock);
    }

    public string Name => "sentry";

    public bool ServeAtRoot => false;

    public SentryFakeData Data { get; }

    public FaultInjector Faults { get; } = new();

    /// <summary>Requests per second per token and endpoint when rate limits are enforced (Sentry's issue list: 40).</summary>
    public int RequestsPerSecondLimit { get; set; } = 40;

    /// <summary>When set, every list's <c>rel="next"</c> link repeats the cursor it was asked for (a broken server).</summary>
    public bool StuckCursor { get; set; }

    /// <summary>When set, every list page holds its first item twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    /// <summary>Path and query of every request received (without the <c>/sentry</c> prefix), in order.</summary>
    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    /// <summary>How many requests had a path (without the <c>/sentry</c> prefix) starting with <paramref name="pathPrefix"/>.</summary>
    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public void ResetCounters() => _recorder.Reset();

    public void Map(IEndpointRouteBuilder routes) => SentryEndpoints.Map(routes, this);

    internal static string VendorPath(PathString path)
    {
        var value = path.Value ?? "/";
        return value.StartsWith(Prefix + "/", StringComparison.Ordinal) ? value[Prefix.Length..] : value;
    }

    internal async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = VendorPath(http.Request.Path);
        _recorder.Record(path + http.Request.QueryString.Value);
        var headers = http.Response.Headers;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        headers["X-Sentry-Rate-Limit-Limit"] = RequestsPerSecondLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-Sentry-Rate-Limit-Reset"] = (now + 1).ToString(CultureInfo.InvariantCulture);
        headers["X-Sentry-Rate-Limit-ConcurrentLimit"] = "25";
        headers["X-Sentry-Rate-Limit-ConcurrentRemaining"] = "24";

        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    return SentryEndpoints.Detail(fault.StatusCode, fault.StatusCode switch
                    {
                        401 => "Invalid token",
                        403 => "You do not have permission to perform this action.",
                        404 => "The requested resource does not exist",
                        429 => RateLimitMessage,
                        >= 500 => "Internal Error",
                        _ => "Invalid request",
                    });
                case FaultKind.RateLimit:
                    headers["X-Sentry-Rate-Limit-Remaining"] = "0";
                    headers["X-Sentry-Rate-Limit-Reset"] = (now + 2).ToString(CultureInfo.InvariantCulture);
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return SentryEndpoints.Detail(StatusCodes.Status429TooManyRequests, RateLimitMessage);
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes("[{\"id\":\"4500000001\",\"shortId\":\"BACK"));
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }
        }

        var header = http.Request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            return SentryEndpoints.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
        }

        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (!IsValidToken(token))
        {
            return SentryEndpoints.Detail(StatusCodes.Status401Unauthorized, "Invalid token");
        }

        var endpoint = path.TrimEnd('/');
        if (_options.EnforceRateLimits && !_limiter.TryAcquire(token + " " + endpoint, RequestsPerSecondLimit))
        {
            headers["X-Sentry-Rate-Limit-Remaining"] = "0";
            return SentryEndpoints.Detail(StatusCodes.Status429TooManyRequests, RateLimitMessage);
        }

        headers["X-Sentry-Rate-Limit-Remaining"] = (RequestsPerSecondLimit - 1).ToString(CultureInfo.InvariantCulture);
        return await next(context);
    }

    private string RateLimitMessage => $"You are attempting to use this endpoint too frequently. Limit is {RequestsPerSecondLimit} requests in 1 seconds";

    /// <summary>Organization (<c>sntrys_</c>) and user (<c>sntryu_</c>) auth tokens, as Sentry issues them.</summary>
    private static bool IsValidToken(string token) =>
        token.Length > 12 && (token.StartsWith("sntrys_", StringComparison.Ordinal) || token.StartsWith("sntryu_", StringComparison.Ordinal));
}
