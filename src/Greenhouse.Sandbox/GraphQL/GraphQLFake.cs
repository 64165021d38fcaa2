using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.GraphQL;

/// <summary>
/// A GraphQL vendor's API over a <see cref="GraphQLFakeStore"/>: <c>POST {endpoint}</c> with exactly the Relay
/// connection queries the connectors send. Faults and the request log see the path <c>{endpoint}/{connection}</c>.
/// A vendor states its wire: where the endpoint is, nodes or edges, whether it filters on <c>updatedAt</c>, its
/// key, its rate-limit headers and its throttle error.
/// </summary>
public abstract class GraphQLFake : VendorFake
{
    private readonly GraphQLFakeErrors _errors = new();
    private readonly string _endpoint;
    private readonly TimeSpan _rateLimitWindow;
    private readonly int _defaultFirst;
    private readonly bool _edges;
    private readonly bool _filtersUpdatedAt;

    /// <param name="updatedAtPath">Where a node's last-modified time is (dot-separated), the store's order.</param>
    /// <param name="edges">Pages as <c>edges { cursor node }</c>, else as <c>nodes</c>.</param>
    /// <param name="filtersUpdatedAt">Whether the <c>filter.updatedAt.gt</c> variable filters (and is logged).</param>
    private protected GraphQLFake(
        string name, SandboxOptions options, TimeSpan rateLimitWindow, string endpoint, string updatedAtPath, int defaultFirst, bool edges, bool filtersUpdatedAt)
        : base(name, options, rateLimitWindow)
    {
        _endpoint = endpoint;
        _rateLimitWindow = rateLimitWindow;
        _defaultFirst = defaultFirst;
        _edges = edges;
        _filtersUpdatedAt = filtersUpdatedAt;
        Data = new GraphQLFakeStore(updatedAtPath);
    }

    /// <summary>The workspace by connection name.</summary>
    public GraphQLFakeStore Data { get; }

    /// <summary>A connection whose pages always report the same <c>endCursor</c> and more pages (a broken server); null for none.</summary>
    public string? StuckCursor { get; set; }

    /// <summary>Answers the next <paramref name="times"/> queries of <paramref name="connection"/> with HTTP 200 and a GraphQL error.</summary>
    public void InjectError(string connection, string code, string message, int times = 1) => _errors.Inject(connection, code, message, times);

    public override void Map(IEndpointRouteBuilder routes) => routes.MapPost(_endpoint, (Func<HttpContext, Task<IResult>>)HandleAsync);

    /// <summary>Sets the vendor's rate-limit headers: <paramref name="remaining"/> requests until <paramref name="reset"/>.</summary>
    private protected abstract void SetRateLimitHeaders(IHeaderDictionary headers, int remaining, DateTimeOffset reset);

    /// <summary>The vendor's throttle error.</summary>
    private protected abstract JsonBytesResult RateLimitedError();

    /// <summary>The vendor's refusal of a query it understands but will not run; null runs it.</summary>
    private protected virtual JsonBytesResult? Validate(GraphQLFakeRequest query) => null;

    /// <summary>Adds what the vendor puts next to a connection's page (a total count, say).</summary>
    private protected virtual void Complete(string connection, JsonObject page)
    {
    }

    /// <summary>A 401 fault (a key revoked mid-run) answers as the vendor refuses a key it does not know; others as a server error.</summary>
    private protected override IResult StatusFault(HttpContext http, int statusCode) =>
        statusCode == StatusCodes.Status401Unauthorized && Refuse(http, credential: null) is { } refusal
            ? refusal
            : GraphQLFakeErrors.Result(statusCode, "INTERNAL_SERVER_ERROR", "Internal server error");

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault) => RateLimited(http, fault.RetryAfterSeconds ?? 1);

    private protected override IResult MalformedFault(HttpContext http, string path)
    {
        var connection = path[(_endpoint.Length + 1)..];
        var node = _edges ? "\"edges\":[{\"node\":{\"id\":\"trunc" : "\"nodes\":[{\"id\":\"trunc";
        return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes($"{{\"data\":{{\"{connection}\":{{{node}"));
    }

    private protected override IResult Throttled(HttpContext http, int secondsUntilReset) => RateLimited(http, secondsUntilReset);

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var query = await GraphQLFakeRequest.ReadAsync(http.Request, _defaultFirst);
        if (query is null)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "GRAPHQL_PARSE_FAILED", "Syntax Error: the request is not a GraphQL query.");
        }

        var path = _endpoint + "/" + query.Connection;
        var logEntry = path + $"?first={query.First}&after={query.After}";
        if (_filtersUpdatedAt)
        {
            logEntry += $"&updatedAt_gt={query.UpdatedAfter?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";
        }

        if (query.UpdatedFrom is { } from)
        {
            logEntry += $"&updatedAt_after={from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";
        }

        if (await AdmitAsync(http, path, logEntry) is { } refused)
        {
            return refused;
        }

        if (_errors.Take(query.Connection) is { } injected)
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status200OK, injected.Code, injected.Message);
        }

        if (!Data.Has(query.Connection))
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "GRAPHQL_VALIDATION_FAILED", $"Cannot query field \"{query.Connection}\" on type \"Query\".");
        }

        if (Validate(query) is { } invalid)
        {
            return invalid;
        }

        var updatedAfter = _filtersUpdatedAt ? query.UpdatedAfter : null;
        var page = Data.Page(query.Connection, query.First, query.After, updatedAfter, _edges, stuckCursor: StuckCursor == query.Connection, updatedFrom: query.UpdatedFrom, repeatFirst: RepeatFirstRecord);
        Complete(query.Connection, page);
        SetRateLimitHeaders(http.Response.Headers, RequestsPerWindow - 1, TimeProvider.System.GetUtcNow() + _rateLimitWindow);
        return GraphQLFakeErrors.Json(StatusCodes.Status200OK, new JsonObject { ["data"] = new JsonObject { [query.Connection] = page } });
    }

    /// <summary>The vendor's throttle answer: an empty bucket that refills in <paramref name="seconds"/> (real time).</summary>
    private JsonBytesResult RateLimited(HttpContext http, int seconds)
    {
        SetRateLimitHeaders(http.Response.Headers, 0, TimeProvider.System.GetUtcNow().AddSeconds(seconds));
        return RateLimitedError();
    }
}
