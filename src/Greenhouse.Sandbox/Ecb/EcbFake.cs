using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Ecb;

/// <summary>
/// A fake of the ECB's reference-rate files (<c>/ecb/eurofxref-daily.xml</c>, <c>/ecb/eurofxref-hist-90d.xml</c>,
/// <c>/ecb/eurofxref-hist.xml</c>): no authentication, with <see cref="Data"/> to publish days and correct rates,
/// <see cref="VendorFake.Faults"/> to break requests (<see cref="FaultKind.MalformedJson"/> serves a truncated XML file), and request counters.
/// </summary>
public sealed class EcbFake : VendorFake
{
    private readonly Dictionary<string, Func<byte[]>> _files;

    internal EcbFake(SandboxOptions options, TimeProvider clock)
        : base("ecb")
    {
        Data = new EcbFakeData(options.Seed, clock);
        _files = new(StringComparer.OrdinalIgnoreCase)
        {
            ["/eurofxref-daily.xml"] = Data.DailyXml,
            ["/eurofxref-hist-90d.xml"] = Data.Last90DaysXml,
            ["/eurofxref-hist.xml"] = Data.HistoryXml,
        };
    }

    public EcbFakeData Data { get; }

    public override void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var (path, file) in _files)
        {
            routes.MapGet(path, (Func<HttpContext, Task<IResult>>)(http => ServeFileAsync(http, file)));
        }
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode) =>
        Html(statusCode, $"<html><body>Error {statusCode}</body></html>");

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return Html(StatusCodes.Status429TooManyRequests, "<html><body>Too Many Requests</body></html>");
    }

    /// <summary>A file cut off in the middle: well-formed days first, then an unclosed element.</summary>
    private protected override IResult? MalformedFault(HttpContext http, string path) =>
        _files.TryGetValue(path.TrimEnd('/'), out var file) && file() is var body ? Xml(body[..(body.Length * 3 / 5)]) : null;

    private async Task<IResult> ServeFileAsync(HttpContext http, Func<byte[]> file)
    {
        var path = VendorPath(http.Request.Path);
        return await AdmitAsync(http, path, path) ?? Xml(file());
    }

    private static BytesResult Xml(byte[] body) => new(StatusCodes.Status200OK, "text/xml; charset=UTF-8", body);

    private static BytesResult Html(int status, string body) => new(status, "text/html", Encoding.UTF8.GetBytes(body));
}
