using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.Plain;

/// <summary>
/// A fake of Plain's GraphQL API (<c>POST /plain/graphql/v1</c>): the <c>customers</c>, <c>threads</c> and
/// <c>labelTypes</c> connections as edges with Relay <c>pageInfo</c> (25 per page by default, at most 100),
/// timestamps as <c>{iso8601}</c>, <c>UNAUTHENTICATED</c> (401) for a bad key, 429 <c>RATE_LIMITED</c> with
/// <c>x-ratelimit-*</c> headers (reset as ISO 8601), the <c>filters: {updatedAt: {after}}</c> of customers and threads
/// (inclusive), and knobs for tests. Faults see the path <c>/graphql/v1/{connection}</c>.
/// </summary>
public sealed partial class PlainFake : GraphQLFake
{
    private const int MaxFirst = 100;

    /// <summary>The connections whose filter input has <c>updatedAt: DatetimeFilter</c> (CustomersFilter, ThreadsFilter).</summary>
    private static readonly HashSet<string> FilterableByUpdatedAt = ["customers", "threads"];

    private readonly TimeProvider _clock;

    internal PlainFake(SandboxOptions options, TimeProvider clock, StripeFakeData stripe)
        : base("plain", options, TimeSpan.FromMinutes(1), endpoint: "/graphql/v1", updatedAtPath: "updatedAt.iso8601", defaultFirst: 25, edges: true, filtersUpdatedAt: false)
    {
        _clock = clock;
        PlainGenerator.Generate(Data, options.Seed, clock.GetUtcNow(), stripe);
    }

    /// <summary>Requests per minute allowed per API key when rate limits are enforced (Plain: 450 on the smallest plan).</summary>
    public int RequestsPerMinuteLimit { get; set; } = 450;

    /// <summary>Changes a thread the way Plain would: the change moves its <c>updatedAt</c> to now.</summary>
    public void UpdateThread(string id, string status)
    {
        Data.Update("threads", id, thread =>
        {
            var now = Iso8601(_clock.GetUtcNow());
            thread["status"] = status;
            thread["statusChangedAt"] = new JsonObject { ["iso8601"] = now };
            thread["updatedAt"] = new JsonObject { ["iso8601"] = now };
        });
    }

    private protected override int RequestsPerWindow => RequestsPerMinuteLimit;

    private protected override string? CredentialOf(HttpRequest request) => AuthorizationCredential(request, "Bearer", StringComparison.Ordinal);

    private protected override IResult? Refuse(HttpContext http, string? credential) =>
        credential is not null && credential.StartsWith("plainApiKey_", StringComparison.Ordinal) && credential.Length > 16
            ? null
            : GraphQLFakeErrors.Result(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "You must be authenticated to perform this action.");

    private protected override JsonBytesResult? Validate(GraphQLFakeRequest query)
    {
        if (LinearStyleFilter().IsMatch(query.Text))
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "GRAPHQL_VALIDATION_FAILED",
                $"Unknown argument \"filter\" on field \"Query.{query.Connection}\". Did you mean \"filters\"?");
        }

        if (query.UpdatedFrom is not null && !FilterableByUpdatedAt.Contains(query.Connection))
        {
            return GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "BAD_USER_INPUT",
                $"Variable \"$filters\" got invalid value: field \"updatedAt\" is not defined by the filter type of \"{query.Connection}\".");
        }

        return query.First > MaxFirst
            ? GraphQLFakeErrors.Result(StatusCodes.Status200OK, "BAD_USER_INPUT", $"first must be at most {MaxFirst}")
            : null;
    }

    [GeneratedRegex(@"\bfilter\s*:")]
    private static partial Regex LinearStyleFilter();

    private protected override void Complete(string connection, JsonObject page)
    {
        if (connection == "customers")
        {
            page["totalCount"] = Data.Count("customers");
        }
    }

    private protected override void SetRateLimitHeaders(IHeaderDictionary headers, int remaining, DateTimeOffset reset)
    {
        headers["x-ratelimit-limit"] = RequestsPerMinuteLimit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = Iso8601(reset);
    }

    private protected override JsonBytesResult RateLimitedError() =>
        GraphQLFakeErrors.Result(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too Many Requests - Rate limit exceeded");

    private static string Iso8601(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
