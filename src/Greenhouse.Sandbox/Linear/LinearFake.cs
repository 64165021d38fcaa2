using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.Linear;

/// <summary>
/// A fake of Linear's GraphQL API (<c>POST /linear/graphql</c>): exactly the connection queries the connector sends
/// (first/after, the <c>updatedAt.gt</c> filter, Relay <c>pageInfo</c>; every known field of a node is returned),
/// <c>AUTHENTICATION_ERROR</c> for a bad key, <c>RATELIMITED</c> with <c>X-RateLimit-Requests-*</c> headers (reset
/// in epoch milliseconds), and knobs for tests. Faults and the request log see the path <c>/graphql/{connection}</c>;
/// <see cref="GraphQLFake.Data"/> holds <c>issues</c>, <c>projects</c>, <c>cycles</c>, <c>teams</c>, <c>users</c>, <c>workflowStates</c>.
/// </summary>
public sealed class LinearFake : GraphQLFake
{
    private readonly TimeProvider _clock;

    internal LinearFake(SandboxOptions options, TimeProvider clock, StripeFakeData stripe)
        : base("linear", options, TimeSpan.FromHours(1), endpoint: "/graphql", updatedAtPath: "updatedAt", defaultFirst: 50, edges: false, filtersUpdatedAt: true)
    {
        _clock = clock;
        LinearGenerator.Generate(Data, options.Seed, options.Size, clock.GetUtcNow(), stripe);
    }

    /// <summary>Requests per hour allowed per API key when rate limits are enforced (Linear: 1,500).</summary>
    public int RequestsPerHourLimit { get; set; } = 1500;

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

    private protected override int RequestsPerWindow => RequestsPerHourLimit;

    /// <summary>Personal API keys come without a scheme.</summary>
    private protected override string? CredentialOf(HttpRequest request) => request.Headers.Authorization.ToString().Trim();

    private protected override IResult? Refuse(HttpContext http, string? credential) =>
        credential is not null && credential.StartsWith("lin_api_", StringComparison.Ordinal) && credential.Length > 12
            ? null
            : GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "AUTHENTICATION_ERROR", "Authentication required, not authenticated");

    private protected override void SetRateLimitHeaders(IHeaderDictionary headers, int remaining, DateTimeOffset reset)
    {
        headers["X-RateLimit-Requests-Limit"] = RequestsPerHourLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requests-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Requests-Reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Linear throttles with HTTP 400 and a RATELIMITED error.</summary>
    private protected override JsonBytesResult RateLimitedError() =>
        GraphQLFakeErrors.Result(StatusCodes.Status400BadRequest, "RATELIMITED", "Rate limit exceeded");
}
