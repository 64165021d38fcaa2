using System.Globalization;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Rest;

/// <summary>An incremental REST cursor: an instant, read from a record (ISO 8601 or Unix seconds) and written in the stream's format.</summary>
internal static class RestCursor
{
    public static DateTimeOffset? Read(JsonElement record, string field) => JsonPath.Find(record, field) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
        { ValueKind: JsonValueKind.String } text => Parse(text.GetString()),
        _ => null,
    };

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime()
        : null;

    /// <summary>How the committed cursor is stored: ISO 8601 with full precision.</summary>
    public static string Store(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>How the cursor is sent in the query parameter.</summary>
    public static string Format(DateTimeOffset instant, RestCursorFormat format) => format == RestCursorFormat.Unix
        ? instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
        : instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
