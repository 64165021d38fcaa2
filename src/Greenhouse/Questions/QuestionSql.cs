using System.Globalization;
using System.Text.RegularExpressions;
using Greenhouse.Warehouse;

namespace Greenhouse.Questions;

/// <summary>
/// A question's SQL with its parameters, as Metabase writes them: <c>{{start_date}}</c> is replaced by the value as a
/// literal of the warehouse's SQL (text and dates quoted and escaped, numbers checked), never pasted in as text; an
/// optional part <c>[[AND created &gt;= {{start_date}}]]</c> is kept only when each parameter in it has a value.
/// </summary>
public static partial class QuestionSql
{
    /// <summary>The parameter names the SQL uses, in order of first use.</summary>
    public static IReadOnlyList<string> Names(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return [.. Placeholder().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The parameters <paramref name="sql"/> uses: as <paramref name="declared"/> says where it names them, otherwise
    /// new ones, typed <c>date</c> when the name says so (<c>start_date</c>, <c>since_at</c>) and <c>text</c> otherwise.
    /// </summary>
    public static IReadOnlyList<QuestionParameter> Parameters(string sql, IReadOnlyList<QuestionParameter> declared) =>
        [.. Names(sql).Select(name => declared.FirstOrDefault(p => p.Name == name) ?? new QuestionParameter(name, GuessType(name), null))];

    /// <summary>
    /// <paramref name="sql"/> with each parameter replaced by its value (from <paramref name="values"/>, else its
    /// default) as a literal. Throws <see cref="QuestionException"/> naming the parameter when a value is not of its
    /// type, or when one used outside an optional part has none.
    /// </summary>
    public static string Bind(string sql, IReadOnlyList<QuestionParameter> parameters, IReadOnlyDictionary<string, string?> values, WarehouseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(dialect);
        var literals = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var parameter in Parameters(sql, parameters))
        {
            var value = values.GetValueOrDefault(parameter.Name) is { Length: > 0 } given && !string.IsNullOrWhiteSpace(given) ? given.Trim()
                : string.IsNullOrWhiteSpace(parameter.Default) ? null : parameter.Default.Trim();
            literals[parameter.Name] = value is null ? null : Literal(parameter, value, dialect);
        }

        var withOptional = Optional().Replace(sql, part =>
            Names(part.Groups[1].Value).All(name => literals[name] is not null) ? part.Groups[1].Value : "");
        return Placeholder().Replace(withOptional, use => literals[use.Groups[1].Value] ?? throw new QuestionException(
            $"The question needs a value for {use.Groups[1].Value} ({parameters.FirstOrDefault(p => p.Name == use.Groups[1].Value)?.Example ?? "any text"}), or a default for it, "
            + $"or its use inside an optional [[ … ]] part."));
    }

    /// <summary>A value as a literal of its type; throws naming the parameter when it is not one.</summary>
    public static string Literal(QuestionParameter parameter, string value, WarehouseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var checkedValue = Check(parameter, value);
        return parameter.Type == QuestionParameter.Number ? checkedValue : dialect.TextLiteral(checkedValue);
    }

    /// <summary>The value in its type's one form (a number in invariant digits, a date as yyyy-MM-dd); throws naming the parameter when it is not one.</summary>
    public static string Check(QuestionParameter parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(value);
        return parameter.Type switch
        {
            QuestionParameter.Number => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw new QuestionException($"{parameter.Name}: '{value}' is not a number; write e.g. 100 or 2.5."),
            QuestionParameter.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : throw new QuestionException($"{parameter.Name}: '{value}' is not a date; write it as 2026-01-31."),
            QuestionParameter.Text => value,
            _ => throw new QuestionException($"{parameter.Name}: '{parameter.Type}' is not a parameter type; use {string.Join(", ", QuestionParameter.Types)}."),
        };
    }

    private static string GuessType(string name) =>
        name.Contains("date", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_at", StringComparison.Ordinal) || name.EndsWith("_on", StringComparison.Ordinal)
            ? QuestionParameter.Date
            : QuestionParameter.Text;

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\[\[(.*?)\]\]", RegexOptions.Singleline)]
    private static partial Regex Optional();
}
