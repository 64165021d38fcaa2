using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.GitHub;

/// <summary>
/// A fake of GitHub's REST API for the streams Greenhouse reads: Link-header paging, ETags and 304s, the
/// <c>X-RateLimit-*</c> budget (403 with remaining 0 when spent; 304s are free), GitHub's error bodies, a required
/// User-Agent, tokens that must look like GitHub's (<c>ghp_…</c> or <c>github_pat_…</c>, else 401), and requests without
/// a token served as GitHub serves them: public repositories only (a private one is 404), 60 an hour.
/// Knobs for tests: <see cref="Data"/>, <see cref="VendorFake.Faults"/> (a <see cref="FaultKind.RateLimit"/> rule answers
/// 403 when its status code is 403, else 429, with GitHub's secondary-limit message), <see cref="MaxPerPage"/>,
/// <see cref="RepeatNextLink"/>, the rate-limit budget, and request counters.
/// </summary>
public sealed class GitHubFake : VendorFake
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Start, int Used)> _budgets = new(StringComparer.Ordinal);
    private int _notModified;
    private int _rateLimited;

    internal GitHubFake(SandboxOptions options, TimeProvider clock)
        : base("github")
    {
        Data = new GitHubFakeData(options.Seed, options.Size, clock);
    }

    public GitHubFakeData Data { get; }

    /// <summary>The most items a page holds (GitHub: 100); lower it to make small data page.</summary>
    public int MaxPerPage { get; set; } = 100;

    /// <summary>When set, every list's <c>rel="next"</c> link points at the page just served (a broken server).</summary>
    public bool RepeatNextLink { get; set; }

    /// <summary>
    /// When set, bodies are indented (two spaces a level) instead of compact: the same content in another spelling, as
    /// a pretty-printing server sends it, while webhook deliveries stay compact.
    /// </summary>
    public bool Indent { get; set; }

    /// <summary>Requests per token and window (GitHub: 5,000 an hour); 304s are not counted.</summary>
    public int RateLimit { get; set; } = 5000;

    /// <summary>Requests without a token per window (GitHub: 60 an hour, per address).</summary>
    public int AnonymousRateLimit { get; set; } = 60;

    /// <summary>
    /// When set, a renamed repository's 301 points at this origin instead of the fake's own: a proxy or mirror that
    /// sends clients to another host, which must never receive the token.
    /// </summary>
    public Uri? RedirectOrigin { get; set; }

    /// <summary>The rate-limit window, in real time (tests shorten it so the reset is a second away).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many requests were answered 304 Not Modified.</summary>
    public int NotModifiedCount => Volatile.Read(ref _notModified);

    /// <summary>How many requests were refused with 403 because the primary rate limit was spent.</summary>
    public int RateLimitedCount => Volatile.Read(ref _rateLimited);

    public override void ResetCounters()
    {
        base.ResetCounters();
        Interlocked.Exchange(ref _notModified, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
    }

    public override void Map(IEndpointRouteBuilder routes) => GitHubEndpoints.Map(routes, this);

    private protected override void OnRequest(HttpContext http) => http.Response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";

    private protected override IResult StatusFault(HttpContext http, int statusCode) =>
        GitHubResult.Error(statusCode, statusCode >= 500 ? "Server Error" : "Fault injected");

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return GitHubResult.Error(
            fault.StatusCode == 403 ? 403 : 429,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
    }

    private protected override IResult MalformedFault(HttpContext http, string path) =>
        new GitHubResult(200, Encoding.UTF8.GetBytes("[{\"id\":1,\"number\":1,\"title\":\"trunc"));

    private protected override string? CredentialOf(HttpRequest request) => Token(request);

    private protected override IResult? Refuse(HttpContext http, string? credential)
    {
        if (http.Request.Headers.UserAgent.Count == 0 || string.IsNullOrWhiteSpace(http.Request.Headers.UserAgent.ToString()))
        {
            return GitHubResult.Error(403,
                "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).");
        }

        // No token is an anonymous request, which GitHub serves (public data only); a token it does not know is a 401.
        return credential is null || credential.StartsWith("ghp_", StringComparison.Ordinal) || credential.StartsWith("github_pat_", StringComparison.Ordinal)
            ? null
            : GitHubResult.Error(401, "Bad credentials");
    }

    /// <summary>Whether the request carries a token (a bad one never gets this far): it sees private repositories.</summary>
    internal static bool Authenticated(HttpRequest request) => Token(request) is not null;

    /// <summary>GitHub's primary rate limit: a budget per token and window, spent by every answer but a 304.</summary>
    private protected override async ValueTask<object?> ServeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        // Anonymous requests share one budget (GitHub counts them per address); no token can be this key.
        var token = Token(context.HttpContext.Request) ?? " anonymous";
        var limit = token == " anonymous" ? AnonymousRateLimit : RateLimit;
        var (used, reset) = Peek(token);
        SetRateHeaders(headers, limit, used, reset);
        if (used >= limit)
        {
            Interlocked.Increment(ref _rateLimited);
            return GitHubResult.Error(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.");
        }

        var result = await next(context);
        if (result is GitHubResult { StatusCode: StatusCodes.Status304NotModified })
        {
            Interlocked.Increment(ref _notModified);
            return result;
        }

        SetRateHeaders(headers, limit, Charge(token), reset);
        return result;
    }

    private static void SetRateHeaders(IHeaderDictionary headers, int limit, int used, long reset)
    {
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(limit - used, 0).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
    }

    /// <summary>The token's requests in the current window and the window's end (Unix seconds, rounded up), in real time.</summary>
    private (int Used, long Reset) Peek(string token)
    {
        lock (_lock)
        {
            var budget = Current(token);
            var elapsed = TimeProvider.System.GetElapsedTime(budget.Start);
            var reset = DateTimeOffset.UtcNow + (RateLimitWindow - elapsed);
            return (budget.Used, (reset.ToUnixTimeMilliseconds() + 999) / 1000);
        }
    }

    private int Charge(string token)
    {
        lock (_lock)
        {
            var budget = Current(token);
            _budgets[token] = (budget.Start, budget.Used + 1);
            return budget.Used + 1;
        }
    }

    private (long Start, int Used) Current(string token)
    {
        var now = TimeProvider.System.GetTimestamp();
        if (!_budgets.TryGetValue(token, out var budget) || TimeProvider.System.GetElapsedTime(budget.Start, now) >= RateLimitWindow)
        {
            budget = (now, 0);
            _budgets[token] = budget;
        }

        return budget;
    }

    private static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        foreach (var scheme in (string[])["Bearer ", "token "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return null;
    }
}
