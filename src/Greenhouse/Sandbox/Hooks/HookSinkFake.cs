using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Hooks;

/// <summary>
/// A generic webhook receiver: <c>POST /hooks/anything</c> answers 200 and records the body in <see cref="Deliveries"/>,
/// for channels that post JSON to a URL of the user's choosing. <see cref="Faults"/> breaks requests.
/// </summary>
public sealed class HookSinkFake : IVendorFake
{
    private readonly ReceivedLog<HookDelivery> _log = new();

    internal HookSinkFake()
    {
    }

    public string Name => "hooks";

    public bool ServeAtRoot => false;

    public FaultInjector Faults { get; } = new();

    /// <summary>The deliveries accepted, in order.</summary>
    public IReadOnlyList<HookDelivery> Deliveries => _log.Snapshot();

    /// <summary>How many requests arrived, accepted or not.</summary>
    public long Requests => _log.Requests;

    public void Reset()
    {
        _log.Clear();
        Faults.Clear();
    }

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/{**path}", (HttpContext http, string? path) => ReceiveAsync(http, "/" + path));

    private async Task<IResult> ReceiveAsync(HttpContext http, string path)
    {
        _log.CountRequest();
        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    return Results.Text("error", "text/plain", statusCode: fault.StatusCode);
                case FaultKind.RateLimit:
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return Results.Text("rate limited", "text/plain", statusCode: StatusCodes.Status429TooManyRequests);
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.DropConnection:
                    http.Abort();
                    return Results.Empty;
                case FaultKind.MalformedJson:
                    break;
            }
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        _log.Add(new HookDelivery(path, http.Request.ContentType, body));
        return Results.Ok();
    }
}
