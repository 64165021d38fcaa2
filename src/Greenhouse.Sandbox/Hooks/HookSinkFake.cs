using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Hooks;

/// <summary>
/// A generic webhook receiver: <c>POST /hooks/anything</c> answers 200 and records the body in <see cref="Deliveries"/>,
/// for channels that post JSON to a URL of the user's choosing. <see cref="VendorFake.Faults"/> breaks requests.
/// </summary>
public sealed class HookSinkFake : ReceivingFake<HookDelivery>
{
    internal HookSinkFake()
        : base("hooks")
    {
    }

    /// <summary>The deliveries accepted, in order.</summary>
    public IReadOnlyList<HookDelivery> Deliveries => Received;

    public override void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/{**path}", (HttpContext http, string? path) => ReceiveAsync(http, "/" + path));

    private async Task<IResult> ReceiveAsync(HttpContext http, string path)
    {
        if (await AdmitAsync(http, path, path) is { } refused)
        {
            return refused;
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        Accept(new HookDelivery(path, http.Request.ContentType, body));
        return Results.Ok();
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode) => Results.Text("error", "text/plain", statusCode: statusCode);

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return Results.Text("rate limited", "text/plain", statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The sink does not answer with JSON: a malformed-JSON fault changes nothing.</summary>
    private protected override IResult? MalformedFault(HttpContext http, string path) => null;
}
