using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Buttondown;

/// <summary>
/// A fake of Buttondown's list API (<c>/buttondown/v1/subscribers</c>, <c>/buttondown/v1/emails</c>):
/// <c>Authorization: Token …</c>, <c>?page=N</c> paging with an absolute <c>next</c> URL in the body,
/// <c>{"detail":…}</c> errors, with <see cref="Data"/> to change subscribers, <see cref="VendorFake.Faults"/> to break requests,
/// and request counters.
/// </summary>
public sealed class ButtondownFake : VendorFake
{
    internal ButtondownFake(SandboxOptions options, TimeProvider clock)
        : base("buttondown", options, rateLimitWindow: TimeSpan.FromMinutes(1))
    {
        Data = new ButtondownFakeData(options.Seed, options.Size, clock);
    }

    public ButtondownFakeData Data { get; }

    /// <summary>Results per page (Buttondown does not document its page size; small, so the sandbox pages).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Requests per minute per key when rate limits are enforced (docs.buttondown.com/api-rate-limits: 600 a minute).</summary>
    public int RequestsPerMinuteLimit { get; set; } = 600;

    /// <summary>When set, every page's <c>next</c> points at that same page (a broken server that never ends).</summary>
    public bool StuckNext { get; set; }

    public override void Map(IEndpointRouteBuilder routes) => ButtondownEndpoints.Map(routes, this);

    private protected override int RequestsPerWindow => RequestsPerMinuteLimit;

    private protected override IResult StatusFault(HttpContext http, int statusCode) => DjangoJson.Detail(statusCode, statusCode switch
    {
        401 => "Invalid token.",
        403 => "You do not have permission to perform this action.",
        404 => "Not found.",
        429 => "Request was throttled.",
        >= 500 => "Server Error (500)",
        _ => "Bad request.",
    });

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return DjangoJson.Detail(StatusCodes.Status429TooManyRequests, "Request was throttled.");
    }

    private protected override IResult MalformedFault(HttpContext http, string path) =>
        new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes("{\"count\":12,\"next\":null,\"results\":[{\"id\":\"3f2"));

    private protected override string? CredentialOf(HttpRequest request) => AuthorizationCredential(request, "Token", StringComparison.Ordinal);

    private protected override IResult? Refuse(HttpContext http, string? credential) => credential switch
    {
        null => DjangoJson.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided."),
        { Length: >= 16 } when credential.All(char.IsAsciiLetterOrDigit) => null,
        _ => DjangoJson.Detail(StatusCodes.Status401Unauthorized, "Invalid token."),
    };

    private protected override IResult Throttled(HttpContext http, int secondsUntilReset)
    {
        http.Response.Headers.RetryAfter = secondsUntilReset.ToString(CultureInfo.InvariantCulture);
        return DjangoJson.Detail(
            StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {secondsUntilReset} second{(secondsUntilReset == 1 ? "" : "s")}.");
    }
}
