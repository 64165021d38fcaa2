using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox;

/// <summary>Writes ready-made bytes with a status code and a content type (fakes answer byte-for-byte what they stored).</summary>
internal class BytesResult(int statusCode, string contentType, ReadOnlyMemory<byte> body) : IResult
{
    public int StatusCode => statusCode;

    public ReadOnlyMemory<byte> Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
