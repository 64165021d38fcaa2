using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Ecb;

/// <summary>
/// A fake of the ECB's reference-rate files (<c>/ecb/eurofxref-daily.xml</c>, <c>/ecb/eurofxref-hist-90d.xml</c>,
/// <c>/ecb/eurofxref-hist.xml</c>): no authentication, with <see cref="Data"/> to publish days and correct rates,
/// <see cref="Faults"/> to break requests (<see cref="FaultKind.MalformedJson"/> serves a truncated XML file), and request counters.
/// </summary>
public sealed class EcbFake : IVendorFake
{
    private const string Prefix = "/ecb";

    private readonly RequestRecorder _recorder = new();

    internal EcbFake(SandboxOptions options, TimeProvider clock)
    {
        Data = new EcbFakeData(options.Seed, clock);
    }

    public string Name => "ecb";

    public bool ServeAtRoot => false;

    public EcbFakeData Data { get; }

    public FaultInjector Faults { get; } = new();

    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public void ResetCounters() => _recorder.Reset();

    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/eurofxref-daily.xml", (HttpContext http) => ServeAsync(http, Data.DailyXml));
        routes.MapGet("/eurofxref-hist-90d.xml", (HttpContext http) => ServeAsync(http, Data.Last90DaysXml));
        routes.MapGet("/eurofxref-hist.xml", (HttpContext http) => ServeAsync(http, Data.HistoryXml));
    }

    private async Task ServeAsync(HttpContext http, Func<byte[]> file)
    {
        var value = http.Request.Path.Value ?? "/";
        var path = value.StartsWith(Prefix + "/", StringComparison.Ordinal) ? value[Prefix.Length..] : value;
        _recorder.Record(path);
        var body = file();
        if (Faults.Next(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FaultKind.Status:
                    await WriteAsync(http, fault.StatusCode, "text/html", Encoding.UTF8.GetBytes($"<html><body>Error {fault.StatusCode}</body></html>"));
                    return;
                case FaultKind.RateLimit:
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    await WriteAsync(http, StatusCodes.Status429TooManyRequests, "text/html", Encoding.UTF8.GetBytes("<html><body>Too Many Requests</body></html>"));
                    return;
                case FaultKind.Slow:
                    await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                    break;
                case FaultKind.MalformedJson:
                    // A file cut off in the middle: well-formed days first, then an unclosed element.
                    body = body[..(body.Length * 3 / 5)];
                    break;
                case FaultKind.DropConnection:
                    http.Abort();
                    return;
            }
        }

        await WriteAsync(http, StatusCodes.Status200OK, "text/xml; charset=UTF-8", body);
    }

    private static async Task WriteAsync(HttpContext http, int status, string contentType, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
