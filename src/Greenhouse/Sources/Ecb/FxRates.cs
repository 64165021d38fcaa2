using System.Globalization;
using Greenhouse.Warehouse;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// Cross rates from the landed <c>ecb.rates</c>: how many units of <c>to</c> one unit of <c>from</c> buys on a date,
/// carrying the last published rate over weekends and TARGET holidays (the newest rate on or before the date).
/// EUR is 1. The SQL is plain enough for SQLite and PostgreSQL alike: <c>date</c> is yyyy-MM-dd text, so it
/// compares as a date in both.
/// </summary>
public static class FxRates
{
    /// <summary>
    /// One row: <c>from_rate</c>, <c>from_date</c>, <c>to_rate</c>, <c>to_date</c> (each currency's rate per 1 EUR and the
    /// day it was published) and <c>cross_rate</c> = to_rate / from_rate (PostgreSQL: numeric; SQLite: a double).
    /// A rate is null when the currency has no rate on or before <paramref name="date"/>.
    /// </summary>
    public static string CrossRateSql(IWarehouse warehouse, string from, string to, DateOnly date, string source = "ecb")
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var table = warehouse.TableSql(new StreamDescriptor(source, EcbRatesStream.Spec));
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Rate(string currency) => currency == "EUR" ? "1"
            : $"(SELECT rate FROM {table} WHERE currency = '{currency}' AND date <= '{day}' AND _gh_deleted_at IS NULL ORDER BY date DESC LIMIT 1)";
        string Day(string currency) => currency == "EUR" ? $"'{day}'"
            : $"(SELECT date FROM {table} WHERE currency = '{currency}' AND date <= '{day}' AND _gh_deleted_at IS NULL ORDER BY date DESC LIMIT 1)";
        var (f, t) = (Code(from, nameof(from)), Code(to, nameof(to)));
        return $"""
            SELECT {Rate(f)} AS from_rate, {Day(f)} AS from_date, {Rate(t)} AS to_rate, {Day(t)} AS to_date,
                   1.0 * CAST({Rate(t)} AS NUMERIC) / CAST({Rate(f)} AS NUMERIC) AS cross_rate
            """;
    }

    /// <summary>The exact cross rate (decimal division of the published rates), or null when either currency has no rate yet.</summary>
    public static async Task<decimal?> GetAsync(IWarehouse warehouse, string from, string to, DateOnly date, string source = "ecb", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var result = await warehouse.QueryAsync(CrossRateSql(warehouse, from, to, date, source), cancellationToken);
        var row = result.Rows[0];
        return ToDecimal(row[0]) is { } fromRate && ToDecimal(row[2]) is { } toRate ? toRate / fromRate : null;
    }

    private static decimal? ToDecimal(object? value) => value switch
    {
        null or DBNull => null,
        string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static string Code(string currency, string name)
    {
        ArgumentNullException.ThrowIfNull(currency, name);
        return currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)
            ? currency
            : throw new ArgumentException($"'{currency}' is not a three-letter ISO 4217 code in upper case (USD, GBP, EUR…).", name);
    }
}
