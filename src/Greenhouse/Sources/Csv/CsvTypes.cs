using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenhouse.Sources.Csv;

/// <summary>
/// Infers a column's type from its values: integer, decimal, boolean, ISO 8601 date or timestamp, else text.
/// Empty fields say nothing; a column with only empty fields is text. Leading zeros (<c>007</c>) stay text.
/// </summary>
internal static partial class CsvTypes
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)\.[0-9]+$")]
    private static partial Regex DecimalText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoText();

    /// <summary>The narrowest type each column's sampled values all fit.</summary>
    public static ColumnType[] Infer(CsvFileReader reader, int sampleRows)
    {
        var candidates = Enumerable.Repeat(Candidates.All, reader.Header.Count).ToArray();
        for (var row = 0; row < sampleRows && reader.Read(); row++)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (reader.Fields[i].Length > 0)
                {
                    candidates[i] &= Fits(reader.Fields[i]);
                }
            }
        }

        return [.. candidates.Select(c =>
            c == Candidates.All ? ColumnType.Text
            : c.HasFlag(Candidates.Integer) ? ColumnType.Integer
            : c.HasFlag(Candidates.Decimal) ? ColumnType.Decimal
            : c.HasFlag(Candidates.Boolean) ? ColumnType.Boolean
            : c.HasFlag(Candidates.Timestamp) ? ColumnType.Timestamp
            : ColumnType.Text)];
    }

    private static Candidates Fits(string value)
    {
        var fits = Candidates.None;
        if (IntegerText().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            fits |= Candidates.Integer | Candidates.Decimal;
        }
        else if (DecimalText().IsMatch(value))
        {
            fits |= Candidates.Decimal;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            fits |= Candidates.Boolean;
        }

        if (IsoText().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            fits |= Candidates.Timestamp;
        }

        return fits;
    }

    [Flags]
    private enum Candidates
    {
        None = 0,
        Integer = 1,
        Decimal = 2,
        Boolean = 4,
        Timestamp = 8,
        All = Integer | Decimal | Boolean | Timestamp,
    }
}
