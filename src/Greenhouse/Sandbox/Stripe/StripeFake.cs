using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// A faithful fake of Stripe's read API (lists, retrieve, events, errors, auth, rate limits) over generated data,
/// with knobs for tests: <see cref="Data"/> to change objects, <see cref="Faults"/> to break requests, and request counters.
/// </summary>
public sealed class StripeFake : IVendorFake
{
    private const string Prefix = "/stripe";

    private readonly SandboxOptions _options;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter _limiter = new(TimeSpan.FromSeconds(1));
    private long _requests;

    internal StripeFake(SandboxOptions options, TimeProvider clock)
    {
        _options = options;
        var anchor = clock.GetUtcNow().ToUnixTimeSeconds();
        Data = new StripeFakeData(StripeGenerator.Generate(options.Seed, options.Size, anchor), clock);
    }

    public string Name => "stripe";

    /// <summary>Stripe is also served at the root, so <c>base_url: http://127.0.0.1:PORT</c> works like api.stripe.com.</summary>
    public bool ServeAtRoot => true;

    public StripeFakeData Data { get; }

    public FaultInjector Faults { get; } = new();

    /// <summary>Requests per second allowed per API key when rate limits are enforced (Stripe test mode: 25).</summary>
    public int RequestsPerSecondLimit { get; set; } = 25;

    /// <summary>When set, a list asked to start after an object answers its first page again (a broken server whose cursor never moves).</summary>
    public bool StuckCursor { get; set; }

    /// <summary>When set, every list page holds its first object twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    /// <summary>Path and query of every request received (without the <c>/stripe</c> prefix), in order.</summary>
    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    /// <summary>How many requests had a path (without the <c>/stripe</c> prefix) starting with <paramref name="pathPrefix"/>.</summary>
    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public void ResetCounters() => _recorder.Reset();

    public void Map(IEndpointRouteBuilder routes) => StripeEndpoints.Map(routes, this);

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
        var number = Interlocked.Increment(ref _requests);
        var headers = http.Response.Headers;
        headers["Request-Id"] = new SandboxRandom(_options.Seed, -number).Id("req_", 14);
        var version = http.Request.Headers["Stripe-Version"].ToString();
        headers["Stripe-Version"] = version.Length > 0 ? version : StripeJson.ApiVersion;

        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    if (fault.StatusCode >= 500)
                    {
                        headers["Stripe-Should-Retry"] = "true";
                    }

                    return StripeErrors.ForStatus(fault.StatusCode);
                case FaultKind.RateLimit:
                    headers["Stripe-Should-Retry"] = "true";
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return StripeErrors.RateLimited();
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    return new JsonBytesResult(
                        StatusCodes.Status200OK,
                        Encoding.UTF8.GetBytes($"{{\"object\":\"list\",\"data\":[{{\"id\":\"cus_Trunc\",\"object\":\"customer\",\"created\":17"));
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }
        }

        var key = ApiKey(http.Request);
        if (key is null)
        {
            headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
            return StripeErrors.Result(StatusCodes.Status401Unauthorized, StripeErrors.InvalidRequest, StripeErrors.MissingKeyMessage);
        }

        if (!(key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal)) || key.Length <= 8)
        {
            headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
            return StripeErrors.Result(
                StatusCodes.Status401Unauthorized,
                StripeErrors.InvalidRequest,
                "Invalid API Key provided: " + StripeErrors.MaskKey(key));
        }

        if (_options.EnforceRateLimits && !_limiter.TryAcquire(key, RequestsPerSecondLimit))
        {
            headers["Stripe-Should-Retry"] = "true";
            return StripeErrors.RateLimited();
        }

        return await next(context);
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
