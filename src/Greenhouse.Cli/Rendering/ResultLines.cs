using Greenhouse.Query;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Rendering;

/// <summary>
/// A query result for scripts, on stdout. CSV (RFC 4180): a header line, then a line per row; NULL is an empty field, an
/// empty text is <c>""</c>. JSON: one object per row and line, keys the column names, types kept: numbers as numbers
/// (exact decimals), booleans, null, <c>json</c>/<c>jsonb</c> columns as JSON, arrays as arrays, bytes as base64, times as ISO 8601.
/// </summary>
internal static class ResultLines
{
    public static void WriteCsv(QueryResult result, TextWriter output)
    {
        output.Write(string.Join(',', result.Columns.Select(Csv)) + "\n");
        foreach (var row in result.Rows)
        {
            output.Write(string.Join(',', row.Select(value => value is null or DBNull ? "" : Csv(CellText.Of(value)))) + "\n");
        }
    }

    public static void WriteJson(QueryResult result, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var row in result.Rows)
        {
            writer.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                writer.WritePropertyName(result.Columns[i]);
                Write(writer, row[i], IsJson(result.ColumnTypes[i]));
            }

            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    private static bool IsJson(string type) => type.Equals("json", StringComparison.OrdinalIgnoreCase) || type.Equals("jsonb", StringComparison.OrdinalIgnoreCase);

    private static void Write(Utf8JsonWriter writer, object? value, bool json)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string s when json:
                writer.WriteRawValue(s);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case DateTime t:
                writer.WriteStringValue(t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + (t.Kind == DateTimeKind.Utc ? "Z" : ""));
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z");
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case Array array:
                writer.WriteStartArray();
                foreach (var element in array)
                {
                    Write(writer, element, json: false);
                }

                writer.WriteEndArray();
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(CellText.Of(entry.Key));
                    Write(writer, entry.Value, json: false);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(CellText.Of(value));
                break;
        }
    }

    private static string Csv(string field) =>
        field.Length == 0 || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
