using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Buttondown;

/// <summary>
/// A fake of Buttondown's list API (<c>/buttondown/v1/subscribers</c>, <c>/buttondown/v1/emails</c>):
/// <c>Authorization: Token …</c>, <c>?page=N</c> paging with an absolute <c>next</c> URL in the body,
/// <c>{"detail":…}</c> errors, with <see cref="Data"/> to change subscribers, <see cref="Faults"/> to break requests,
/// and request counters.
/// </summary>
public sealed class ButtondownFake : IVendorFake
{
    private const string Prefix = "/buttondown";

    private readonly SandboxOptions _options;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter _limiter = new(TimeSpan.FromSeconds(1));

    internal ButtondownFake(SandboxOptions options, TimeProvider clock)
    {
        _options = options;
        Data = new ButtondownFakeData(options.Seed, options.Size, clock);
    }

    public string Name => "buttondown";

    public bool ServeAtRoot => false;

    public ButtondownFakeData Data { get; }

    public FaultInjector Faults { get; } = new();

    /// <summary>Results per page (Buttondown does not document its page size; small, so the sandbox pages).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Requests per second per key when rate limits are enforced.</summary>
    public int RequestsPerSecondLimit { get; set; } = 10;

    /// <summary>When set, every page's <c>next</c> points at that same page (a broken server that never ends).</summary>
    public bool StuckNext { get; set; }

    /// <summary>When set, every page's <c>results</c> hold its first item twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public void ResetCounters() => _recorder.Reset();

    public void Map(IEndpointRouteBuilder routes) => ButtondownEndpoints.Map(routes, this);

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

        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    return ButtondownEndpoints.Detail(fault.StatusCode, fault.StatusCode switch
                    {
                        401 => "Invalid token.",
                        403 => "You do not have permission to perform this action.",
                        404 => "Not found.",
                        429 => "Request was throttled.",
                        >= 500 => "Server Error (500)",
                        _ => "Bad request.",
                    });
                case FaultKind.RateLimit:
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return ButtondownEndpoints.Detail(StatusCodes.Status429TooManyRequests, "Request was throttled.");
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes("{\"count\":12,\"next\":null,\"results\":[{\"id\":\"3f2"));
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }
        }

        var header = http.Request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            return ButtondownEndpoints.Detail(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
        }

        var key = header.StartsWith("Token ", StringComparison.Ordinal) ? header[6..].Trim() : "";
        if (key.Length < 16 || !key.All(char.IsAsciiLetterOrDigit))
        {
            return ButtondownEndpoints.Detail(StatusCodes.Status401Unauthorized, "Invalid token.");
        }

        if (_options.EnforceRateLimits && !_limiter.TryAcquire(key, RequestsPerSecondLimit))
        {
            http.Response.Headers.RetryAfter = "1";
            return ButtondownEndpoints.Detail(StatusCodes.Status429TooManyRequests, "Request was throttled. Expected available in 1 second.");
        }

        return await next(context);
    }
}
