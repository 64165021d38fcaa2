using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Catalog;

/// <summary>Query values as JSON: numbers, text, booleans and ISO 8601 instants; text past a limit is cut and marked.</summary>
internal static class CatalogValues
{
    public static JsonNode? ToJson(object? value, int maxCharacters, ref bool cut)
    {
        switch (value)
        {
            case null or DBNull:
                return null;
            case string text:
                return JsonValue.Create(Cut(text, maxCharacters, ref cut));
            case bool b:
                return JsonValue.Create(b);
            case long or int or short or byte or sbyte or ushort or uint:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return JsonValue.Create(u);
            case decimal d:
                return JsonValue.Create(d);
            case double or float:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));
            case DateTime time:
                return JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset instant:
                return JsonValue.Create(instant.ToString("O", CultureInfo.InvariantCulture));
            case byte[] bytes:
                return JsonValue.Create(Cut(Convert.ToBase64String(bytes), maxCharacters, ref cut));
            default:
                return JsonValue.Create(Cut(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", maxCharacters, ref cut));
        }
    }

    private static string Cut(string text, int maxCharacters, ref bool cut)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        cut = true;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..maxCharacters]}… ({text.Length - maxCharacters:N0} more characters cut)");
    }
}
