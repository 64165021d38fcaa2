using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.Oidc;

/// <summary>The fake provider's JSON answers, written as a provider writes them.</summary>
internal static class OidcJson
{
    public static JsonBytesResult Write(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return new JsonBytesResult(status, buffer.WrittenMemory);
    }

    public static void Strings(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
