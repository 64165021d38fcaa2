using System.Text.Json;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>Finds a value by a dot-separated path of object keys (<c>""</c> is the element itself).</summary>
internal static class JsonPath
{
    public static JsonElement? Find(JsonElement element, string path)
    {
        if (path.Length == 0)
        {
            return element;
        }

        foreach (var key in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }

        return element;
    }

    /// <summary>A string value, or a number's text; null for null, missing, empty or anything else.</summary>
    public static string? Text(JsonElement element, string path) => Find(element, path) switch
    {
        { ValueKind: JsonValueKind.String } value when value.GetString() is { Length: > 0 } text => text,
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };
}
