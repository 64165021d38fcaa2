using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox;

/// <summary>Writes ready-made JSON bytes with a status code (fakes answer byte-for-byte what they stored).</summary>
internal sealed class JsonBytesResult(int statusCode, ReadOnlyMemory<byte> body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
