using System.Globalization;
using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>
/// Turns a vendor's JSON object into a row: its key, the typed columns the stream declares (a value that does
/// not fit its type becomes null and counts a warning; the raw JSON keeps it), the compact raw text and the
/// canonical content hash (<see cref="CanonicalJson"/>), so the same object hashes alike however it was spelled.
/// </summary>
internal static class RecordConverter
{
    public static RecordRow ToRow(StreamDescriptor stream, SourceRecord record, int pageNumber, List<string> warnings)
    {
        var payload = record.Payload;
        var id = Find(payload, [stream.PrimaryKey]) is { } key ? KeyText(key) : null;
        if (string.IsNullOrEmpty(id))
        {
            var raw = payload.GetRawText();
            throw new SourceException(
                $"{stream.FullName}: a record on page {pageNumber} has no primary key '{stream.PrimaryKey}' " +
                $"({(raw.Length > 120 ? raw[..120] + "…" : raw)}). Nothing from this page was committed and the cursor did not move.");
        }

        var values = new object?[stream.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = stream.Columns[i];
            if (FindFirst(payload, column.PathSegments) is not { } value)
            {
                continue;
            }

            values[i] = Convert(value, column.Type);
            if (values[i] is null)
            {
                warnings.Add($"{stream.FullName} {id}: {column.Name} = {Shorten(value.GetRawText())} is not a valid {column.Type.ToString().ToLowerInvariant()}; the column is null, the raw JSON keeps the value");
            }
        }

        return new RecordRow(id, values, CanonicalJson.Compact(payload), CanonicalJson.Hash(payload), record.AsOf, record.Deleted);
    }

    /// <summary>The value at the first of <paramref name="paths"/> that is present and not null.</summary>
    private static JsonElement? FindFirst(JsonElement element, IReadOnlyList<string[]> paths)
    {
        foreach (var path in paths)
        {
            if (Find(element, path) is { ValueKind: not JsonValueKind.Null } value)
            {
                return value;
            }
        }

        return null;
    }

    private static JsonElement? Find(JsonElement element, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return element;
    }

    private static string? KeyText(JsonElement key) => key.ValueKind switch
    {
        JsonValueKind.String => key.GetString(),
        JsonValueKind.Number => key.GetRawText(),
        _ => null,
    };

    private static object? Convert(JsonElement value, ColumnType type) => type switch
    {
        ColumnType.Text => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            // An expanded reference ({"id":"cus_1","object":"customer",…}) stands for its id.
            JsonValueKind.Object when value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            _ => null,
        },
        ColumnType.Integer => value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            // Some vendors send counts as strings (Sentry's issue count): a string of digits is still an integer.
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        },
        ColumnType.Decimal => value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        },
        ColumnType.Boolean => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Files and some vendors send "true"/"false" as strings.
            JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b,
            _ => null,
        },
        ColumnType.Timestamp => value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var seconds) && seconds is >= -62135596800 and <= 253402300799 =>
                DateTimeOffset.FromUnixTimeSeconds(seconds),
            JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) =>
                instant.ToUniversalTime(),
            _ => null,
        },
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
