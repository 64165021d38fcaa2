using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Linear;

/// <summary>
/// A fake of Linear's GraphQL API (<c>POST /linear/graphql</c>): exactly the connection queries the connector sends
/// (first/after, the <c>updatedAt.gt</c> filter, Relay <c>pageInfo</c>; every known field of a node is returned),
/// <c>AUTHENTICATION_ERROR</c> for a bad key, <c>RATELIMITED</c> with <c>X-RateLimit-Requests-*</c> headers (reset
/// in epoch milliseconds), and knobs for tests. Faults and the request log see the path <c>/graphql/{connection}</c>.
/// </summary>
public sealed class LinearFake : IVendorFake
{
    private readonly SandboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter _limiter = new(TimeSpan.FromHours(1));
    private readonly GraphQLFakeErrors _errors = new();

    internal LinearFake(SandboxOptions options, TimeProvider clock, StripeFakeData stripe)
    {
        _options = options;
        _clock = clock;
        LinearGenerator.Generate(Data, options.Seed, options.Size, clock.GetUtcNow(), stripe);
    }

    public string Name => "linear";

    public bool ServeAtRoot => false;

    /// <summary>The workspace by connection name: <c>issues</c>, <c>projects</c>, <c>cycles</c>, <c>teams</c>, <c>users</c>, <c>workflowStates</c>.</summary>
    public GraphQLFakeStore Data { get; } = new("updatedAt");

    public FaultInjector Faults { get; } = new();

    /// <summary>Requests per hour allowed per API key when rate limits are enforced (Linear: 1,500).</summary>
    public int RequestsPerHourLimit { get; set; } = 1500;

    /// <summary>A connection whose pages always report the same <c>endCursor</c> and more pages (a broken server); null for none.</summary>
    public string? StuckCursor { get; set; }

    /// <summary>When set, every page holds its first node twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    /// <summary><c>/graphql/{connection}?after=…&amp;updatedAt_gt=…</c> of every query received, in order.</summary>
    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public void ResetCounters() => _recorder.Reset();

    /// <summary>Answers the next <paramref name="times"/> queries of <paramref name="connection"/> with HTTP 200 and a GraphQL error.</summary>
    public void InjectError(string connection, string code, string message, int times = 1) => _errors.Inject(connection, code, message, times);

    /// <summary>Changes an issue the way Linear would: the change moves its <c>updatedAt</c> to now.</summary>
    public void UpdateIssue(string id, string? title = null, string? stateName = null, string? stateType = null)
    {
        Data.Update("issues", id, issue =>
        {
            if (title is not null)
            {
                issue["title"] = title;
            }

            if (stateName is not null)
            {
                issue["state"] = new JsonObject { ["id"] = issue["state"]?["id"]?.DeepClone(), ["name"] = stateName, ["type"] = stateType ?? "started" };
            }

            var previous = DateTimeOffset.Parse((string)issue["updatedAt"]!, CultureInfo.InvariantCulture);
            var now = _clock.GetUtcNow();
            var updated = now > previous ? now : previous.AddMilliseconds(1);
            issue["updatedAt"] = updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        });
    }

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/graphql", (Func<HttpContext, Task<IResult>>)HandleAsync);

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var query = await GraphQLFakeRequest.ReadAsync(http.Request, defaultFirst: 50);
        if (query is null)
        {
            return Errors(StatusCodes.Status400BadRequest, "GRAPHQL_PARSE_FAILED", "Syntax Error: the request is not a GraphQL query.");
        }

        var path = "/graphql/" + query.Connection;
        _recorder.Record(path + $"?first={query.First}&after={query.After}&updatedAt_gt={query.UpdatedAfter?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    return Errors(fault.StatusCode, "INTERNAL_SERVER_ERROR", "Internal server error");
                case FaultKind.RateLimit:
                    return RateLimited(http, fault.RetryAfterSeconds ?? 1);
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes($"{{\"data\":{{\"{query.Connection}\":{{\"nodes\":[{{\"id\":\"trunc"));
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }
        }

        var key = http.Request.Headers.Authorization.ToString().Trim();
        if (!key.StartsWith("lin_api_", StringComparison.Ordinal) || key.Length <= 12)
        {
            return Errors(StatusCodes.Status400BadRequest, "AUTHENTICATION_ERROR", "Authentication required, not authenticated");
        }

        if (_options.EnforceRateLimits && !_limiter.TryAcquire(key, RequestsPerHourLimit))
        {
            return RateLimited(http, 60);
        }

        if (_errors.Take(query.Connection) is { } injected)
        {
            return Errors(StatusCodes.Status200OK, injected.Code, injected.Message);
        }

        if (!Data.Has(query.Connection))
        {
            return Errors(StatusCodes.Status400BadRequest, "GRAPHQL_VALIDATION_FAILED", $"Cannot query field \"{query.Connection}\" on type \"Query\".");
        }

        var page = Data.Page(query.Connection, query.First, query.After, query.UpdatedAfter, edges: false, stuckCursor: StuckCursor == query.Connection, repeatFirst: RepeatFirstRecord);
        var headers = http.Response.Headers;
        headers["X-RateLimit-Requests-Limit"] = RequestsPerHourLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requests-Remaining"] = (RequestsPerHourLimit - 1).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requests-Reset"] = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Json(StatusCodes.Status200OK, new JsonObject { ["data"] = new JsonObject { [query.Connection] = page } });
    }

    /// <summary>Linear's throttle answer: a RATELIMITED error and an empty bucket that refills in <paramref name="seconds"/> (real time).</summary>
    private JsonBytesResult RateLimited(HttpContext http, int seconds)
    {
        var headers = http.Response.Headers;
        headers["X-RateLimit-Requests-Limit"] = RequestsPerHourLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requests-Remaining"] = "0";
        headers["X-RateLimit-Requests-Reset"] = TimeProvider.System.GetUtcNow().AddSeconds(seconds).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Errors(StatusCodes.Status400BadRequest, "RATELIMITED", "Rate limit exceeded");
    }

    private static JsonBytesResult Errors(int status, string code, string message) => GraphQLFakeErrors.Result(status, code, message);

    private static JsonBytesResult Json(int status, JsonObject body) => GraphQLFakeErrors.Json(status, body);
}
