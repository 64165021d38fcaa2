using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// A faithful fake of Stripe's read API (lists, retrieve, events, errors, auth, rate limits) over generated data,
/// with knobs for tests: <see cref="Data"/> to change objects, <see cref="VendorFake.Faults"/> to break requests, and request counters.
/// It takes test-mode keys (<c>sk_test_…</c>, <c>rk_test_…</c>) and live-mode ones (<c>sk_live_…</c>, <c>rk_live_…</c>): one account,
/// whose objects say <c>"livemode": true</c> to a live key. With rate limits enforced, a key is limited as Stripe limits its
/// mode's account, and on each endpoint too (a method and route: <c>GET /v1/customers/{id}</c>, whatever the id).
/// </summary>
public sealed class StripeFake : VendorFake
{
    private const string TestMode = "test_";
    private const string LiveMode = "live_";

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

    /// <summary>Requests per second a test-mode key may make when rate limits are enforced (Stripe's test mode: 25).</summary>
    public int RequestsPerSecondLimit { get; set; } = 25;

    /// <summary>Requests per second a live-mode key may make when rate limits are enforced (Stripe's live mode: 100).</summary>
    public int LiveRequestsPerSecondLimit { get; set; } = 100;

    /// <summary>Requests per second a key may make to one endpoint when rate limits are enforced (Stripe's default: 25).</summary>
    public int EndpointRequestsPerSecondLimit { get; set; } = 25;

    /// <summary>When set, a list asked to start after an object answers its first page again (a broken server whose cursor never moves).</summary>
    public bool StuckCursor { get; set; }

    /// <summary>
    /// When set, <c>/v1/events</c> answers a request filtered by <c>type</c> or <c>types[]</c> with events of every type
    /// (a proxy or server that drops the filter). Real Stripe returns only the types asked for (<c>*</c> matching any run of
    /// characters), which is what the fake does otherwise.
    /// </summary>
    public bool IgnoreEventTypeFilter { get; set; }

    public override void Map(IEndpointRouteBuilder routes) => StripeEndpoints.Map(routes, this);

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
        if (credential is not null && (IsKeyOf(credential, TestMode) || IsKeyOf(credential, LiveMode)))
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
        return credential is null
            ? StripeErrors.Result(StatusCodes.Status401Unauthorized, StripeErrors.InvalidRequest, StripeErrors.MissingKeyMessage)
            : StripeErrors.Result(StatusCodes.Status401Unauthorized, StripeErrors.InvalidRequest, "Invalid API Key provided: " + StripeErrors.MaskKey(credential));
    }

    /// <summary>The key's mode's window, then the key's window on the endpoint (its method and route template).</summary>
    private protected override IEnumerable<(string Key, int Limit)> RateLimits(HttpContext http, string credential, string path) =>
    [
        (credential, IsKeyOf(credential, LiveMode) ? LiveRequestsPerSecondLimit : RequestsPerSecondLimit),
        ($"{credential} {http.Request.Method} {Route(http)}", EndpointRequestsPerSecondLimit),
    ];

    private protected override IResult Throttled(HttpContext http, int secondsUntilReset)
    {
        http.Response.Headers["Stripe-Should-Retry"] = "true";
        return StripeErrors.RateLimited();
    }

    /// <summary>What a live-mode key is served says <c>"livemode": true</c>; the stored objects are test mode's.</summary>
    private protected override async ValueTask<object?> ServeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return result is JsonBytesResult json && ApiKey(context.HttpContext.Request) is { } key && IsKeyOf(key, LiveMode)
            ? new JsonBytesResult(json.StatusCode, StripeLiveMode.Of(json.Body))
            : result;
    }

    /// <summary>The route template the request matched, as Stripe's own host has it (<c>/v1/customers/{id}</c>, not under <c>/stripe</c>).</summary>
    private string Route(HttpContext http) =>
        VendorPath(http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? new PathString(template) : http.Request.Path);

    /// <summary>Whether <paramref name="key"/> is a secret (<c>sk_</c>) or restricted (<c>rk_</c>) key of <paramref name="mode"/>, with more after the prefix.</summary>
    private static bool IsKeyOf(string key, string mode) =>
        key.Length > 3 + mode.Length && (key.StartsWith("sk_", StringComparison.Ordinal) || key.StartsWith("rk_", StringComparison.Ordinal))
        && key.AsSpan(3).StartsWith(mode, StringComparison.Ordinal);

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
