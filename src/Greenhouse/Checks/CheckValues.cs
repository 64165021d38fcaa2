using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Greenhouse.Checks;

/// <summary>
/// An offending row's values as the history keeps them: the row as a JSON object (<c>_gh_check_rows.row</c>), its key
/// (one column's text, several columns' JSON array, or the whole row's JSON).
/// </summary>
internal static class CheckValues
{
    /// <summary>The row as a JSON object of its columns, in order.</summary>
    public static string RowJson(IReadOnlyList<string> columns, object?[] row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WritePropertyName(columns[i]);
                Write(writer, i < row.Length ? row[i] : null);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The row's key: the one key column's value as text, several key columns' values as a JSON array, or (no key
    /// columns) the whole row's JSON. <paramref name="indexes"/> are the key columns' positions.
    /// </summary>
    public static string Key(IReadOnlyList<int> indexes, IReadOnlyList<string> columns, object?[] row)
    {
        if (indexes.Count == 0)
        {
            return RowJson(columns, row);
        }

        if (indexes.Count == 1)
        {
            return Text(row[indexes[0]]);
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var index in indexes)
            {
                Write(writer, row[index]);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A value as text: ISO 8601 for dates and times (a date alone when it has no time of day), invariant numbers.</summary>
    public static string Text(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        DateTime { TimeOfDay.Ticks: 0 } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long or int or short or byte or sbyte or uint or ushort:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            default:
                writer.WriteStringValue(Text(value));
                break;
        }
    }
}
