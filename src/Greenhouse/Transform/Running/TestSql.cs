using System.Globalization;

namespace Greenhouse.Transform.Running;

/// <summary>The SQL that judges a data test, as dbt's <c>get_test_sql</c> writes it, with the comparisons as CASE so both warehouses read them.</summary>
internal static class TestSql
{
    /// <summary>One row: <c>failures</c> (<c>fail_calc</c> over the test's rows), <c>should_warn</c> and <c>should_error</c> (1 or 0).</summary>
    public static string Judge(string testSql, TestSettings settings) => $"""
        select
            {settings.FailCalc} as failures,
            case when {settings.FailCalc} {settings.WarnIf} then 1 else 0 end as should_warn,
            case when {settings.FailCalc} {settings.ErrorIf} then 1 else 0 end as should_error
        from (
        {testSql}
        ) dbt_internal_test
        """;

    /// <summary>A count or flag as the driver returns it (long, int, decimal, double, null as 0).</summary>
    public static long Number(object? value) => value switch
    {
        null or DBNull => 0,
        long l => l,
        bool b => b ? 1 : 0,
        _ => Convert.ToInt64(Convert.ToDecimal(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };
}
