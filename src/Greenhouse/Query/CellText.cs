using System.Collections;
using System.Globalization;
using System.Text;

namespace Greenhouse.Query;

/// <summary>
/// A query value as text for people (the table) and for CSV: exactly as stored, never rounded. Numbers in their
/// invariant round-trip form, times with every fractional digit they carry, bytes as <c>\x0a1b</c> (psql's hex), arrays
/// as <c>{1,2,3}</c> (PostgreSQL's literal), booleans as <c>true</c>/<c>false</c>.
/// </summary>
public static class CellText
{
    public static string Of(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + (t.Kind == DateTimeKind.Utc ? "Z" : ""),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => @"\x" + Convert.ToHexStringLower(bytes),
        BitArray bits => string.Concat(bits.Cast<bool>().Select(b => b ? '1' : '0')),
        IDictionary map => string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Quoted(Of(k))}=>{(map[k] is { } v ? Quoted(Of(v)) : "NULL")}")),
        Array array => ArrayLiteral(array),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string ArrayLiteral(Array array)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var element in array)
        {
            text.Append(first ? "" : ",");
            first = false;
            text.Append(element switch
            {
                null or DBNull => "NULL",
                string s => NeedsQuotes(s) ? Quoted(s) : s,
                _ => Of(element),
            });
        }

        return text.Append('}').ToString();
    }

    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || s.Equals("NULL", StringComparison.OrdinalIgnoreCase) || s.Any(c => c is ',' or '{' or '}' or '"' or '\\' || char.IsWhiteSpace(c));

    private static string Quoted(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
