using System.Globalization;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// What the explorer draws for a result: the chart kind and its x and y columns, picked from the result's shape
/// unless the person chose (a time column and a number → line; a category and a number → bar, or pie for at most
/// <see cref="MaxPieSlices"/> categories; one row of one number → the number), with the points to draw.
/// </summary>
public sealed record ChartPlan(ChartKind Kind, int X, int Y, IReadOnlyList<(string Label, double Value, DateTimeOffset? Time)> Points)
{
    public const int MaxPieSlices = 4;

    public const int MaxPoints = 500;

    public static ChartPlan None { get; } = new(ChartKind.None, -1, -1, []);

    /// <summary>The plan for <paramref name="result"/>: <paramref name="kind"/>, <paramref name="x"/> and <paramref name="y"/> (column names) where given and usable, else picked.</summary>
    public static ChartPlan For(QueryResult result, ChartKind? kind = null, string? x = null, string? y = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Rows.Count == 0 || result.Columns.Count == 0 || kind == ChartKind.None)
        {
            return None;
        }

        var numeric = Enumerable.Range(0, result.Columns.Count).Where(i => IsNumeric(result, i)).ToList();
        var times = Enumerable.Range(0, result.Columns.Count).Where(i => IsTime(result, i)).ToList();
        if (numeric.Count == 0)
        {
            return None;
        }

        var yIndex = Index(result, y) is { } chosenY && numeric.Contains(chosenY) ? chosenY : numeric[^1];
        if ((kind ?? (result.Rows.Count == 1 && result.Columns.Count == 1 ? ChartKind.Number : (ChartKind?)null)) == ChartKind.Number)
        {
            return new ChartPlan(ChartKind.Number, -1, yIndex, [(result.Columns[yIndex], Number(result.Rows[0][yIndex]) ?? 0, null)]);
        }

        var others = Enumerable.Range(0, result.Columns.Count).Where(i => i != yIndex).ToList();
        var xIndex = Index(result, x) is { } chosenX && chosenX != yIndex ? chosenX
            : times.FirstOrDefault(i => i != yIndex, -1) is var t and >= 0 ? t
            : others.FirstOrDefault(i => !numeric.Contains(i), others.Count > 0 ? others[0] : -1);
        if (xIndex < 0)
        {
            return kind is null && result.Rows.Count == 1 ? new ChartPlan(ChartKind.Number, -1, yIndex, [(result.Columns[yIndex], Number(result.Rows[0][yIndex]) ?? 0, null)]) : None;
        }

        var points = result.Rows.Take(MaxPoints)
            .Select(row => (Label: Text(row[xIndex]), Value: Number(row[yIndex]) ?? 0, Time: Time(row[xIndex])))
            .ToList();
        var picked = kind ?? (times.Contains(xIndex) ? ChartKind.Line : points.Count <= MaxPieSlices && points.All(p => p.Value >= 0) ? ChartKind.Pie : ChartKind.Bar);
        if (picked == ChartKind.Line)
        {
            points = [.. points.OrderBy(p => p.Time ?? DateTimeOffset.MinValue)];
        }

        return new ChartPlan(picked, xIndex, yIndex, points);
    }

    private static int? Index(QueryResult result, string? column)
    {
        if (column is null)
        {
            return null;
        }

        for (var i = 0; i < result.Columns.Count; i++)
        {
            if (string.Equals(result.Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsNumeric(QueryResult result, int column) =>
        result.Rows.Any(r => r[column] is not (null or DBNull)) && result.Rows.All(r => r[column] is null or DBNull || Number(r[column]) is not null && r[column] is not string);

    private static bool IsTime(QueryResult result, int column) =>
        result.Rows.Any(r => r[column] is not (null or DBNull)) && result.Rows.All(r => r[column] is null or DBNull || Time(r[column]) is not null);

    internal static double? Number(object? value) => value switch
    {
        null or DBNull or bool => null,
        double d => d,
        float f => f,
        decimal m => (double)m,
        long or int or short or byte or sbyte or ulong or uint or ushort => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A time value, or text in ISO form (<c>2024-05-01</c>, <c>2024-05-01 10:00:00</c>: how SQLite keeps times).</summary>
    internal static DateTimeOffset? Time(object? value) => value switch
    {
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        string s when s.Length >= 10 && s[4] == '-' && s[7] == '-' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };

    private static string Text(object? value) => value is null or DBNull ? "(null)" : Greenhouse.Query.CellText.Of(value);
}
