using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Plain;

/// <summary>
/// A fake of Plain's GraphQL API (<c>POST /plain/graphql/v1</c>): the <c>customers</c>, <c>threads</c> and
/// <c>labelTypes</c> connections as edges with Relay <c>pageInfo</c> (25 per page by default, at most 100),
/// timestamps as <c>{iso8601}</c>, <c>UNAUTHENTICATED</c> (401) for a bad key, 429 <c>RATE_LIMITED</c> with
/// <c>x-ratelimit-*</c> headers (reset as ISO 8601), and knobs for tests. Faults see the path <c>/graphql/v1/{connection}</c>.
/// </summary>
public sealed class PlainFake : IVendorFake
{
    private readonly SandboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter _limiter = new(TimeSpan.FromMinutes(1));
    private readonly GraphQLFakeErrors _errors = new();

    internal PlainFake(SandboxOptions options, TimeProvider clock, StripeFakeData stripe)
    {
        _options = options;
        _clock = clock;
        PlainGenerator.Generate(Data, options.Seed, clock.GetUtcNow(), stripe);
    }

    public string Name => "plain";

    public bool ServeAtRoot => false;

    /// <summary>The workspace by connection name: <c>customers</c>, <c>threads</c>, <c>labelTypes</c>.</summary>
    public GraphQLFakeStore Data { get; } = new("updatedAt.iso8601");

    public FaultInjector Faults { get; } = new();

    /// <summary>Requests per minute allowed per API key when rate limits are enforced (Plain: 450 on the smallest plan).</summary>
    public int RequestsPerMinuteLimit { get; set; } = 450;

    /// <summary>A connection whose pages always report the same <c>endCursor</c> and more pages (a broken server); null for none.</summary>
    public string? StuckCursor { get; set; }

    /// <summary>When set, every page holds its first node twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    /// <summary>Answers the next <paramref name="times"/> queries of <paramref name="connection"/> with HTTP 200 and a GraphQL error.</summary>
    public void InjectError(string connection, string code, string message, int times = 1) => _errors.Inject(connection, code, message, times);

    /// <summary>Changes a thread the way Plain would: the change moves its <c>updatedAt</c> to now.</summary>
    public void UpdateThread(string id, string status)
    {
        Data.Update("threads", id, thread =>
        {
            var now = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            thread["status"] = status;
            thread["statusChangedAt"] = new JsonObject { ["iso8601"] = now };
            thread["updatedAt"] = new JsonObject { ["iso8601"] = now };
        });
    }

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/graphql/v1", (Func<HttpContext, Task<IResult>>)HandleAsync);

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var query = await GraphQLFakeRequest.ReadAsync(http.Request, defaultFirst: 25);
        if (query is null)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "GRAPHQL_PARSE_FAILED", "Syntax Error: the request is not a GraphQL query.");
        }

        var path = "/graphql/v1/" + query.Connection;
        _recorder.Record(path + $"?first={query.First}&after={query.After}");
        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    return GraphQLFakeErrors.Result(fault.StatusCode, "INTERNAL_SERVER_ERROR", "Internal server error");
                case FaultKind.RateLimit:
                    return RateLimited(http, fault.RetryAfterSeconds ?? 1);
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes($"{{\"data\":{{\"{query.Connection}\":{{\"edges\":[{{\"node\":{{\"id\":\"trunc"));
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }
        }

        var header = http.Request.Headers.Authorization.ToString().Trim();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
        if (!key.StartsWith("plainApiKey_", StringComparison.Ordinal) || key.Length <= 16)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "You must be authenticated to perform this action.");
        }

        if (_options.EnforceRateLimits && !_limiter.TryAcquire(key, RequestsPerMinuteLimit))
        {
            return RateLimited(http, 60);
        }

        if (_errors.Take(query.Connection) is { } injected)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status200OK, injected.Code, injected.Message);
        }

        if (!Data.Has(query.Connection))
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "GRAPHQL_VALIDATION_FAILED", $"Cannot query field \"{query.Connection}\" on type \"Query\".");
        }

        if (query.First > 100)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status200OK, "BAD_USER_INPUT", "first must be at most 100");
        }

        var page = Data.Page(query.Connection, query.First, query.After, updatedAfter: null, edges: true, stuckCursor: StuckCursor == query.Connection, repeatFirst: RepeatFirstRecord);
        if (query.Connection == "customers")
        {
            page["totalCount"] = Data.Count("customers");
        }

        var headers = http.Response.Headers;
        headers["x-ratelimit-limit"] = RequestsPerMinuteLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = (RequestsPerMinuteLimit - 1).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = TimeProvider.System.GetUtcNow().AddMinutes(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return GraphQLFakeErrors.Json(StatusCodes.Status200OK, new JsonObject { ["data"] = new JsonObject { [query.Connection] = page } });
    }

    /// <summary>Plain's throttle answer: 429, RATE_LIMITED, and the window's reset <paramref name="seconds"/> ahead (real time) as ISO 8601.</summary>
    private JsonBytesResult RateLimited(HttpContext http, int seconds)
    {
        var headers = http.Response.Headers;
        headers["x-ratelimit-limit"] = RequestsPerMinuteLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = "0";
        headers["x-ratelimit-reset"] = TimeProvider.System.GetUtcNow().AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return GraphQLFakeErrors.Result(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too Many Requests - Rate limit exceeded");
    }
}
