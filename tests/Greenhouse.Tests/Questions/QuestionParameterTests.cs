using Greenhouse.Query;
using Greenhouse.Questions;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Questions;

/// <summary>A saved question's <c>{{parameters}}</c>: bound as literals of their type, optional parts, defaults, stored with the question.</summary>
public sealed class QuestionParameterTests
{
    private static readonly QuestionParameter Since = new("start_date", QuestionParameter.Date, null);
    private static readonly QuestionParameter Least = new("min_n", QuestionParameter.Number, "2");
    private static readonly QuestionParameter Who = new("who", QuestionParameter.Text, null);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Values_are_bound_as_literals_that_run_on_the_warehouse_and_text_cannot_break_out(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = await test.OpenMigratedAsync();
        const string sql = "SELECT {{who}} AS who, {{min_n}} + 1 AS n, {{ start_date }} AS since";

        var bound = QuestionSql.Bind(sql, [Since, Least, Who], new Dictionary<string, string?> { ["who"] = "O'Brien'); DROP TABLE x; --", ["start_date"] = "2026-01-31" }, warehouse.Dialect);
        var row = (await warehouse.QueryAsync(bound, QueryService.Read(10))).Rows.Single();

        Assert.Equal("O'Brien'); DROP TABLE x; --", row[0]);
        Assert.Equal(3m, Convert.ToDecimal(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026-01-31", Convert.ToString(row[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_optional_part_is_kept_only_when_its_parameters_have_values()
    {
        const string sql = "SELECT * FROM t WHERE 1 = 1 [[AND created >= {{start_date}}]] [[AND n >= {{min_n}}]]";
        var dialect = WarehouseFactory.Open("sqlite::memory:").Dialect;

        Assert.Equal("SELECT * FROM t WHERE 1 = 1  AND n >= 2", QuestionSql.Bind(sql, [Since, Least], new Dictionary<string, string?>(), dialect));
        Assert.Equal("SELECT * FROM t WHERE 1 = 1 AND created >= '2026-02-01' AND n >= 5",
            QuestionSql.Bind(sql, [Since, Least], new Dictionary<string, string?> { ["start_date"] = "2026-02-01", ["min_n"] = "5" }, dialect));
    }

    [Theory]
    [InlineData("start_date", "31/01/2026", "start_date: '31/01/2026' is not a date; write it as 2026-01-31.")]
    [InlineData("min_n", "ten", "min_n: 'ten' is not a number; write e.g. 100 or 2.5.")]
    [InlineData("min_n", "1; DELETE FROM t", "min_n: '1; DELETE FROM t' is not a number")]
    public void A_value_not_of_its_type_is_refused_naming_the_parameter(string name, string value, string expected)
    {
        var dialect = WarehouseFactory.Open("sqlite::memory:").Dialect;

        var error = Assert.Throws<QuestionException>(() => QuestionSql.Bind("SELECT {{start_date}}, {{min_n}}", [Since, Least],
            new Dictionary<string, string?> { ["start_date"] = "2026-01-01", [name] = value }, dialect));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_parameter_without_a_value_or_default_says_what_it_needs()
    {
        var error = Assert.Throws<QuestionException>(() => QuestionSql.Bind("SELECT {{start_date}}", [Since], new Dictionary<string, string?>(), WarehouseFactory.Open("sqlite::memory:").Dialect));

        Assert.StartsWith("The question needs a value for start_date (a date such as 2026-01-31)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_are_found_in_order_and_typed_by_name_unless_declared()
    {
        var found = QuestionSql.Parameters("SELECT {{plan}} WHERE a >= {{start_date}} AND b < {{ ends_at }} AND c = {{plan}} AND d = {{min_n}}", [Least]);

        Assert.Equal([new("plan", "text", null), new("start_date", "date", null), new("ends_at", "date", null), Least], found);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_question_keeps_its_parameters_and_a_default_not_of_its_type_is_refused(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = await test.OpenMigratedAsync();
        var store = new QuestionStore(warehouse);
        var question = new SavedQuestion(0, "Since", "Deep dives", "SELECT {{start_date}} AS since, {{min_n}} AS n [[, {{who}} AS who]]", null, null, null, "ada@example.com", DateTimeOffset.UtcNow)
        {
            Parameters = [Since with { Default = "2026-01-01" }, Least, new QuestionParameter("gone", "number", "1")],
        };

        var id = await store.SaveQuestionAsync(question);
        var saved = (await store.FindQuestionAsync(id))!;

        // Declared ones keep their type and default; one the SQL no longer uses is dropped; a new one is guessed.
        Assert.Equal([Since with { Default = "2026-01-01" }, Least, Who], saved.Parameters);
        var error = await Assert.ThrowsAsync<QuestionException>(() => store.SaveQuestionAsync(saved with { Parameters = [Least with { Default = "two" }] }));
        Assert.StartsWith("min_n: 'two' is not a number", error.Message, StringComparison.Ordinal);
        var badType = await Assert.ThrowsAsync<QuestionException>(() => store.SaveQuestionAsync(saved with { Parameters = [Least with { Type = "money" }] }));
        Assert.StartsWith("min_n: 'money' is not a parameter type; use text, number, date.", badType.Message, StringComparison.Ordinal);
        Assert.Equal(saved.Parameters, (await store.FindQuestionAsync(id))!.Parameters);
        var plain = await store.SaveQuestionAsync(saved with { Sql = "SELECT 1 AS one" });
        Assert.Empty((await store.FindQuestionAsync(plain))!.Parameters);
    }
}
