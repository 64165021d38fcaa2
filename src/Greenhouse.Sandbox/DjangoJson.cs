using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox;

/// <summary>
/// JSON as the Django REST Framework vendors (Sentry, Buttondown) write it: Python's <c>json.dumps</c> leaves
/// '+', '&lt;' and '&amp;' as they are, and an error is <c>{"detail":…}</c>.
/// </summary>
internal static class DjangoJson
{
    private static readonly JsonSerializerOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Result(int status, JsonNode body) => new JsonBytesResult(status, Encoding.UTF8.GetBytes(body.ToJsonString(WriterOptions)));

    public static IResult Detail(int status, string detail) => Result(status, new JsonObject { ["detail"] = detail });
}
