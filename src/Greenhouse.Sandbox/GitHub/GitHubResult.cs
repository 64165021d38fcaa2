using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.GitHub;

/// <summary>A fake GitHub answer the request filter can inspect before it is written (a 304 is not charged to the rate limit).</summary>
internal sealed class GitHubResult(int statusCode, ReadOnlyMemory<byte> body) : IResult
{
    public int StatusCode { get; } = statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        if (StatusCode == StatusCodes.Status304NotModified)
        {
            return;
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>GitHub's error body: <c>{"message":…,"documentation_url":…,"status":"404"}</c>.</summary>
    public static GitHubResult Error(int status, string message) =>
        new(status, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
}
