using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// A faithful fake of Stripe's read API (lists, retrieve, events, errors, auth, rate limits) over generated data,
/// with knobs for tests: <see cref="Data"/> to change objects, <see cref="VendorFake.Faults"/> to break requests, and request counters.
/// </summary>
public sealed class StripeFake : VendorFake
{
    private readonly int _seed;
    private long _requests;

    internal StripeFake(SandboxOptions options, TimeProvider clock)
        : base("stripe", options, rateLimitWindow: TimeSpan.FromSeconds(1))
    {
        _seed = options.Seed;
        var anchor = clock.GetUtcNow().ToUnixTimeSeconds();
        Data = new StripeFakeData(StripeGenerator.Generate(options.Seed, options.Size, anchor), clock);
    }

    /// <summary>Stripe is also served at the root, so <c>base_url: http://127.0.0.1:PORT</c> works like api.stripe.com.</summary>
    public override bool ServeAtRoot => true;

    public StripeFakeData Data { get; }

    /// <summary>Requests per second allowed per API key when rate limits are enforced (Stripe test mode: 25).</summary>
    public int RequestsPerSecondLimit { get; set; } = 25;

    /// <summary>When set, a list asked to start after an object answers its first page again (a broken server whose cursor never moves).</summary>
    public bool StuckCursor { get; set; }

    /// <summary>
    /// When set, <c>/v1/events</c> answers a request filtered by <c>type</c> or <c>types[]</c> with events of every type
    /// (a proxy or server that drops the filter). Real Stripe returns only the types asked for (<c>*</c> matching any run of
    /// characters), which is what the fake does otherwise.
    /// </summary>
    public bool IgnoreEventTypeFilter { get; set; }

    public override void Map(IEndpointRouteBuilder routes) => StripeEndpoints.Map(routes, this);

    private protected override int RequestsPerWindow => RequestsPerSecondLimit;

    private protected override void OnRequest(HttpContext http)
    {
        var number = Interlocked.Increment(ref _requests);
        var headers = http.Response.Headers;
        headers["Request-Id"] = new SandboxRandom(_seed, -number).Id("req_", 14);
        var version = http.Request.Headers["Stripe-Version"].ToString();
        headers["Stripe-Version"] = version.Length > 0 ? version : StripeJson.ApiVersion;
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode)
    {
        if (statusCode >= 500)
        {
            http.Response.Headers["Stripe-Should-Retry"] = "true";
        }

        return StripeErrors.ForStatus(statusCode);
    }

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        http.Response.Headers["Stripe-Should-Retry"] = "true";
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return StripeErrors.RateLimited();
    }

    private protected override IResult MalformedFault(HttpContext http, string path) => new JsonBytesResult(
        StatusCodes.Status200OK,
        Encoding.UTF8.GetBytes($"{{\"object\":\"list\",\"data\":[{{\"id\":\"cus_Trunc\",\"object\":\"customer\",\"created\":17"));

    private protected override string? CredentialOf(HttpRequest request) => ApiKey(request);

    private protected override IResult? Refuse(HttpContext http, string? credential)
    {
        if (credential is not null
            && (credential.StartsWith("sk_test_", StringComparison.Ordinal) || credential.StartsWith("rk_test_", StringComparison.Ordinal))
            && credential.Length > 8)
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
        return credential is null
            ? StripeErrors.Result(StatusCodes.Status401Unauthorized, StripeErrors.InvalidRequest, StripeErrors.MissingKeyMessage)
            : StripeErrors.Result(StatusCodes.Status401Unauthorized, StripeErrors.InvalidRequest, "Invalid API Key provided: " + StripeErrors.MaskKey(credential));
    }

    private protected override IResult Throttled(HttpContext http, int secondsUntilReset)
    {
        http.Response.Headers["Stripe-Should-Retry"] = "true";
        return StripeErrors.RateLimited();
    }

    /// <summary>The key from <c>Authorization: Bearer KEY</c> or Basic auth with the key as user name; null when absent.</summary>
    private static string? ApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = header[7..].Trim();
            return bearer.Length == 0 ? null : bearer;
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var user = decoded.Split(':', 2)[0];
                return user.Length == 0 ? null : user;
            }
            catch (FormatException)
            {
                return header;
            }
        }

        return header;
    }
}
