using System.Security.Cryptography;
using System.Text;

namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>dbt's cross-database macros, rendered for each warehouse and run on it: the same values on both.</summary>
public sealed class CrossDatabaseMacroTests
{
    /// <summary>A timestamp literal both dialects read (PostgreSQL: cast as TIMESTAMP; SQLite: datetime()).</summary>
    private static string Ts(string text) => $"dbt.cast(\"'{text}'\", dbt.type_timestamp())";

    private static string Date(string text) => $"dbt.cast(\"'{text}'\", 'date')";

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Datediff_counts_the_boundaries_between_two_known_dates(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        string Diff(string part, string from, string to) => $"dbt.datediff({Ts(from)}, {Ts(to)}, '{part}')";

        Assert.Equal("30", await h.ValueAsync(Diff("day", "2024-01-31", "2024-03-01")));
        Assert.Equal("2", await h.ValueAsync(Diff("month", "2024-01-31", "2024-03-01")));
        Assert.Equal("0", await h.ValueAsync(Diff("quarter", "2024-01-31", "2024-03-01")));
        Assert.Equal("4", await h.ValueAsync(Diff("week", "2024-01-31", "2024-03-01")));
        Assert.Equal("720", await h.ValueAsync(Diff("hour", "2024-01-31", "2024-03-01")));
        Assert.Equal("1", await h.ValueAsync(Diff("year", "2023-12-31 23:59:59", "2024-01-01")));
        Assert.Equal("1", await h.ValueAsync(Diff("quarter", "2023-12-31", "2024-01-01")));
        Assert.Equal("1", await h.ValueAsync(Diff("second", "2023-12-31 23:59:59", "2024-01-01")));
        Assert.Equal("-1", await h.ValueAsync(Diff("day", "2024-03-01 08:00:00", "2024-02-29 23:00:00")));
        Assert.Equal("90", await h.ValueAsync(Diff("minute", "2024-03-01 08:30:00", "2024-03-01 10:00:00")));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Dateadd_adds_months_as_postgres_does_and_keeps_the_time(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        string Add(string part, int n, string from) => $"dbt.dateadd('{part}', {n}, {Ts(from)})";

        Assert.Equal("2024-02-29 00:00:00", await h.ValueAsync(Add("month", 1, "2024-01-31")));
        Assert.Equal("2024-02-29 00:00:00", await h.ValueAsync(Add("quarter", -1, "2024-05-31")));
        Assert.Equal("2025-02-28 10:30:00", await h.ValueAsync(Add("year", 1, "2024-02-29 10:30:00")));
        Assert.Equal("2024-03-31 00:00:00", await h.ValueAsync(Add("month", 2, "2024-01-31")));
        Assert.Equal("2024-02-29 00:00:00", await h.ValueAsync(Add("day", -1, "2024-03-01")));
        Assert.Equal("2024-03-02 03:00:00", await h.ValueAsync(Add("hour", 5, "2024-03-01 22:00:00")));
        Assert.Equal("2024-03-15 00:00:00", await h.ValueAsync(Add("week", 2, "2024-03-01")));
        Assert.Equal("2024-03-01 00:01:30", await h.ValueAsync(Add("second", 90, "2024-03-01")));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Date_trunc_starts_weeks_on_monday_and_last_day_is_a_date(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var at = Ts("2024-03-15 10:11:12");

        Assert.Equal("2024-01-01 00:00:00", await h.ValueAsync($"dbt.date_trunc('year', {at})"));
        Assert.Equal("2024-01-01 00:00:00", await h.ValueAsync($"dbt.date_trunc('quarter', {at})"));
        Assert.Equal("2024-03-01 00:00:00", await h.ValueAsync($"dbt.date_trunc('month', {at})"));
        Assert.Equal("2024-03-11 00:00:00", await h.ValueAsync($"dbt.date_trunc('week', {at})"));
        Assert.Equal("2024-03-15 00:00:00", await h.ValueAsync($"date_trunc('day', {at})"));
        Assert.Equal("2024-03-15 10:00:00", await h.ValueAsync($"dbt.date_trunc('hour', {at})"));
        Assert.Equal("2024-02-29", await h.ValueAsync($"dbt.last_day({Date("2024-02-10")}, 'month')"));
        Assert.Equal("2024-06-30", await h.ValueAsync($"dbt.last_day({Date("2024-05-10")}, 'quarter')"));
        Assert.Equal("2024-12-31", await h.ValueAsync($"last_day({Date("2024-05-10")}, 'year')"));
        Assert.Equal("2024-05-10", await h.ValueAsync(Date("2024-05-10")));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task String_macros_give_the_same_text_on_both_warehouses(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);

        Assert.Equal("ab", await h.ValueAsync("dbt.concat([\"'a'\", \"'b'\", 'null'])"));
        Assert.Equal(Md5("abc"), await h.ValueAsync("dbt.hash(\"'abc'\")"));
        Assert.Equal(Md5("42"), await h.ValueAsync("hash('42')"));
        var readOnly = await h.Warehouse.QueryAsync(h.Render("select {{ dbt.hash(\"'abc'\") }}"), new Greenhouse.Warehouse.QueryOptions { ReadOnly = true });
        Assert.Equal(Md5("abc"), readOnly.Rows[0][0]);
        Assert.Equal("∅", await h.ValueAsync("dbt.hash('null')"));
        Assert.Equal("b", await h.ValueAsync("dbt.split_part(\"'a,b,c'\", \"','\", 2)"));
        Assert.Equal("c", await h.ValueAsync("dbt.split_part(\"'a--b--c'\", \"'--'\", 3)"));
        Assert.Equal("", await h.ValueAsync("dbt.split_part(\"'a,b,c'\", \"','\", 4)"));
        Assert.Equal("a", await h.ValueAsync("split_part(\"'a'\", \"','\", 1)"));
        Assert.Equal("3", await h.ValueAsync("dbt.position(\"'c'\", \"'abcd'\")"));
        Assert.Equal("0", await h.ValueAsync("dbt.position(\"'z'\", \"'abcd'\")"));
        Assert.Equal("4", await h.ValueAsync("dbt.length(\"'abcd'\")"));
        Assert.Equal("axc", await h.ValueAsync("dbt.replace(\"'abc'\", \"'b'\", \"'x'\")"));
        Assert.Equal("ef", await h.ValueAsync("dbt.right(\"'abcdef'\", 2)"));
        Assert.Equal("", await h.ValueAsync("dbt.right(\"'abcdef'\", 0)"));
        Assert.Equal("it's", await h.ValueAsync("dbt.string_literal(dbt.escape_single_quotes(\"it's\"))"));
        Assert.Equal("43", await h.ValueAsync("dbt.cast(\"'42'\", dbt.type_int()) }} + {{ dbt.safe_cast('1', dbt.type_bigint())"));
        Assert.Equal("1.5", await h.ValueAsync("dbt.cast(\"'1.5'\", dbt.type_numeric())"));
        Assert.Equal("2.25", await h.ValueAsync("dbt.cast(\"'2.25'\", dbt.type_float())"));
        Assert.Equal("x", await h.ValueAsync("dbt.cast(\"'x'\", dbt.type_string())"));
        Assert.Equal("1", await h.ValueAsync("dbt.cast(\"'true'\", dbt.type_boolean())"));
        Assert.Equal(["1"], await h.RowsAsync($"select case when {{{{ dbt.current_timestamp() }}}} > {{{{ {Ts("2024-01-01")} }}}} then 1 else 0 end"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Aggregate_macros_join_pick_and_test_values_of_a_group(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var letters = await h.TableAsync("letters", "SELECT 'b' AS v, 2 AS n UNION ALL SELECT 'c', 3 UNION ALL SELECT 'a', 1");

        Assert.Equal(["a,b,c"], await h.RowsAsync("select {{ dbt.listagg('v', \"','\", 'order by n') }} from {{ t }}", ("t", letters)));
        Assert.Equal(["c|b|a"], await h.RowsAsync("select {{ listagg('v', \"'|'\", 'order by n desc') }} from {{ t }}", ("t", letters)));
        Assert.Equal(["3"], await h.RowsAsync("select count(*) from {{ t }} having {{ dbt.any_value('v') }} in ('a', 'b', 'c')", ("t", letters)));
        Assert.Equal(["yes|no"], await h.RowsAsync(
            "select case when {{ dbt.bool_or('n > 2') }} then 'yes' else 'no' end, case when {{ bool_or('n > 3') }} then 'yes' else 'no' end from {{ t }}",
            ("t", letters)));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_macro_a_dialect_cannot_express_fails_naming_what_to_do(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);

        var error = Assert.Throws<Greenhouse.Transform.Templates.TemplateException>(() => h.Render("{{ dbt.datediff('a', 'b', 'fortnight') }}"));

        Assert.Contains("datediff", error.Message, StringComparison.Ordinal);
        Assert.Contains("not fortnight", error.Message, StringComparison.Ordinal);
        if (kind == "sqlite")
        {
            var split = Assert.Throws<Greenhouse.Transform.Templates.TemplateException>(() => h.Render("{{ dbt.split_part('x', \"','\", -1) }}"));
            Assert.Contains("part number of 1 or more", split.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("c", await h.ValueAsync("dbt.split_part(\"'a,b,c'\", \"','\", -1)"));
        }
    }

#pragma warning disable CA5351 // md5 is what the macro computes; the test checks the same digest.
    internal static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
