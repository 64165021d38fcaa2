using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Sentry;

/// <summary>
/// A fake of Sentry's organization list API (<c>/sentry/api/0/organizations/acme/{projects,releases,issues}/</c>):
/// Bearer auth, Link-header cursors with <c>results</c>, <c>limit</c> ≤ 100, the issue filters, the
/// <c>X-Sentry-Rate-Limit-*</c> headers and <c>{"detail":…}</c> errors, with <see cref="Data"/> to change issues,
/// <see cref="VendorFake.Faults"/> to break requests, and request counters. A 429 carries <c>Retry-After</c> only when a fault rule
/// asks for it (whether Sentry sends one is unverified); the reset header always says when the window reopens.
/// </summary>
public sealed class SentryFake : VendorFake
{
    internal SentryFake(SandboxOptions options, TimeProvider clock)
        : base("sentry", options, rateLimitWindow: TimeSpan.FromSeconds(1))
    {
        Data = new SentryFakeData(options.Seed, options.Size, clock);
    }

    public SentryFakeData Data { get; }

    /// <summary>Requests per second per token and endpoint when rate limits are enforced (Sentry's issue list: 40).</summary>
    public int RequestsPerSecondLimit { get; set; } = 40;

    /// <summary>When set, every list's <c>rel="next"</c> link repeats the cursor it was asked for (a broken server).</summary>
    public bool StuckCursor { get; set; }

    public override void Map(IEndpointRouteBuilder routes) => SentryEndpoints.Map(routes, this);

    private protected override int RequestsPerWindow => RequestsPerSecondLimit;

    private string RateLimitMessage => $"You are attempting to use this endpoint too frequently. Limit is {RequestsPerSecondLimit} requests in 1 seconds";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private protected override void OnRequest(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["X-Sentry-Rate-Limit-Limit"] = RequestsPerSecondLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-Sentry-Rate-Limit-Reset"] = (Now + 1).ToString(CultureInfo.InvariantCulture);
        headers["X-Sentry-Rate-Limit-ConcurrentLimit"] = "25";
        headers["X-Sentry-Rate-Limit-ConcurrentRemaining"] = "24";
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode) => DjangoJson.Detail(statusCode, statusCode switch
    {
        401 => "Invalid token",
        403 => "You do not have permission to perform this action.",
        404 => "The requested resource does not exist",
        429 => RateLimitMessage,
        >= 500 => "Internal Error",
        _ => "Invalid request",
    });

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        http.Response.Headers["X-Sentry-Rate-Limit-Remaining"] = "0";
        http.Response.Headers["X-Sentry-Rate-Limit-Reset"] = (Now + 2).ToString(CultureInfo.InvariantCulture);
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return DjangoJson.Detail(StatusCodes.Status429TooManyRequests, RateLimitMessage);
    }

    private protected override IResult MalformedFault(HttpContext http, string path) =>
        new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes("[{\"id\":\"4500000001\",\"shortId\":\"BACK"));

    private protected override string? CredentialOf(HttpRequest request) => AuthorizationCredential(request, "Bearer");

    private protected override IResult? Refuse(HttpContext http, string? credential) => credential switch
    {
        null => DjangoJson.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided."),
        _ when IsValidToken(credential) => null,
        _ => DjangoJson.Detail(StatusCodes.Status401Unauthorized, "Invalid token"),
    };

    /// <summary>Sentry limits each token per endpoint.</summary>
    private protected override string RateLimitKey(string credential, string path) => credential + " " + path.TrimEnd('/');

    private protected override IResult Throttled(HttpContext http, int secondsUntilReset)
    {
        http.Response.Headers["X-Sentry-Rate-Limit-Remaining"] = "0";
        return DjangoJson.Detail(StatusCodes.Status429TooManyRequests, RateLimitMessage);
    }

    private protected override ValueTask<object?> ServeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers["X-Sentry-Rate-Limit-Remaining"] = (RequestsPerSecondLimit - 1).ToString(CultureInfo.InvariantCulture);
        return next(context);
    }

    /// <summary>Organization (<c>sntrys_</c>) and user (<c>sntryu_</c>) auth tokens, as Sentry issues them.</summary>
    private static bool IsValidToken(string token) =>
        token.Length > 12 && (token.StartsWith("sntrys_", StringComparison.Ordinal) || token.StartsWith("sntryu_", StringComparison.Ordinal));
}
