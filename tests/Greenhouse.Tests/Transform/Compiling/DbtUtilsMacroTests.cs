namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>The dbt_utils macros, called as dbt_utils.x with no package installed, run on each warehouse.</summary>
public sealed class DbtUtilsMacroTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Date_spine_has_a_row_per_day_from_the_start_up_to_the_end(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        const string Spine = """
            with spine as (
            {{ dbt_utils.date_spine(datepart='day', start_date=dbt.cast("'2024-01-01'", 'date'), end_date=dbt.cast("'2024-02-01'", 'date')) }}
            )
            select count(*), min(date_day), max(date_day) from spine
            """;
        const string Months = """
            with spine as ({{ dbt_utils.date_spine('month', dbt.cast("'2024-01-31'", 'date'), dbt.cast("'2024-06-30'", 'date')) }})
            select count(*), max(date_month) from spine
            """;

        Assert.Equal(["31|2024-01-01 00:00:00|2024-01-31 00:00:00"], await h.RowsAsync(Spine));
        Assert.Equal(["5|2024-05-31 00:00:00"], await h.RowsAsync(Months));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Generate_series_safe_add_and_group_by_build_plain_sql(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);

        Assert.Equal(["10|10|55"], await h.RowsAsync("with s as ({{ dbt_utils.generate_series(10) }}) select count(*), max(generated_number), sum(generated_number) from s"));
        Assert.Equal(["1"], await h.RowsAsync("with s as ({{ dbt_utils.generate_series(1) }}) select count(*) from s"));
        Assert.Equal("3", await h.ValueAsync("dbt_utils.safe_add(['1', 'null', '2'])"));
        Assert.Equal("7", await h.ValueAsync("dbt_utils.safe_add('3', '4')"));
        Assert.Equal("group by 1, 2, 3", h.Render("{{ dbt_utils.group_by(3) }}"));
        Assert.Equal(["a|2"], await h.RowsAsync("select v, count(*) from (select 'a' as v union all select 'a') as t {{ dbt_utils.group_by(1) }}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Surrogate_keys_are_equal_for_equal_fields_and_never_null(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var people = await h.TableAsync("people", """
            SELECT 1 AS id, 'x' AS name UNION ALL
            SELECT 1, 'x' UNION ALL
            SELECT 2, 'x' UNION ALL
            SELECT 1, NULL UNION ALL
            SELECT 1, ''
            """);

        var keys = await h.RowsAsync("select {{ dbt_utils.generate_surrogate_key(['id', 'name']) }} from {{ t }}", ("t", people));
        var old = await h.RowsAsync("select {{ dbt_utils.surrogate_key('id', 'name') }} from {{ t }}", ("t", people));

        Assert.Equal(5, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(4, keys.Distinct().Count());
        Assert.DoesNotContain("∅", keys);
        Assert.Equal(CrossDatabaseMacroTests.Md5("1-x"), keys[0]);
        Assert.Equal(CrossDatabaseMacroTests.Md5("1-_dbt_utils_surrogate_key_null_"), keys[3]);
        Assert.Equal(CrossDatabaseMacroTests.Md5("1-x"), old[0]);
        Assert.Equal(old[3], old[4]);
        Assert.Equal(CrossDatabaseMacroTests.Md5("1-"), old[3]);
        h.Vars["surrogate_key_treat_nulls_as_empty_strings"] = true;
        Assert.Equal(old[3], (await h.RowsAsync("select {{ dbt_utils.generate_surrogate_key(['id', 'name']) }} from {{ t }}", ("t", people)))[3]);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Star_lists_every_column_but_the_excluded_ones(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var customers = await h.TableAsync("customers", "SELECT 1 AS id, 'Ann' AS name, 'ann@example.com' AS email, 5 AS score");

        Assert.Equal("\"id\",\n  \"name\",\n  \"score\"", h.Render("{{ dbt_utils.star(t, except=['EMAIL']) }}", ("t", customers)));
        Assert.Equal(["id", "name", "score"], await h.ColumnsAsync("select {{ dbt_utils.star(from=t, except=['email']) }} from {{ t }}", ("t", customers)));
        Assert.Equal(["c_id_x", "c_email_x"], await h.ColumnsAsync(
            "select {{ dbt_utils.star(t, relation_alias='c', except=['name', 'score'], prefix='c_', suffix='_x') }} from {{ t }} as c", ("t", customers)));
        Assert.Equal("c.id as p_id", h.Render("{{ dbt_utils.star(t, 'c', ['name', 'email', 'score'], prefix='p_', quote_identifiers=false) }}", ("t", customers)));
        Assert.Equal("*", h.Render("{{ dbt_utils.star(t) }}", ("t", customers), ("execute", false)));
        var none = Assert.Throws<Greenhouse.Transform.Templates.TemplateException>(() => h.Render("{{ dbt_utils.star(t) }}", ("t", h.Relation("missing"))));
        Assert.Contains("no columns were returned", none.Message, StringComparison.Ordinal);
        var notRelation = Assert.Throws<Greenhouse.Transform.Templates.TemplateException>(() => h.Render("{{ dbt_utils.star('customers') }}"));
        Assert.Contains("expected a Relation", notRelation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Union_relations_fills_missing_columns_with_null_and_names_the_source(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var stripe = await h.TableAsync("stripe", "SELECT 1 AS id, 'Ann' AS name");
        var plain = await h.TableAsync("plain", "SELECT 2 AS id, 'bob@example.com' AS email");

        const string Sql = "select * from ({{ dbt_utils.union_relations([a, b]) }}) as u order by id";
        var columns = await h.ColumnsAsync(Sql, ("a", stripe), ("b", plain));
        var rows = await h.RowsAsync(Sql, ("a", stripe), ("b", plain));
        var excluded = await h.ColumnsAsync("select * from ({{ dbt_utils.union_relations([a, b], exclude=['NAME'], source_column_name='src') }}) as u", ("a", stripe), ("b", plain));

        Assert.Equal(["_dbt_source_relation", "id", "name", "email"], columns);
        Assert.Equal([$"{stripe}|1|Ann|∅", $"{plain}|2|∅|bob@example.com"], rows);
        Assert.Equal(["src", "id", "email"], excluded);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Pivot_sums_each_value_of_get_column_values_into_a_column(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var shirts = await h.TableAsync("shirts", "SELECT 'S' AS size, 'red' AS color UNION ALL SELECT 'S', 'blue' UNION ALL SELECT 'S', 'red' UNION ALL SELECT 'M', 'red'");
        const string Sql = """
            select size,
              {{ dbt_utils.pivot('color', dbt_utils.get_column_values(t, 'color')) }}
            from {{ t }}
            group by size
            order by size
            """;

        Assert.Equal(["size", "red", "blue"], await h.ColumnsAsync(Sql, ("t", shirts)));
        Assert.Equal(["M|1|0", "S|2|1"], await h.RowsAsync(Sql, ("t", shirts)));
        Assert.Equal("['blue', 'red']", h.Render("{{ dbt_utils.get_column_values(t, 'color', order_by='color') }}", ("t", shirts)));
        Assert.Equal("['x']", h.Render("{{ dbt_utils.get_column_values(t, 'color', default=['x']) }}", ("t", h.Relation("missing"))));
        var custom = "select size, {{ dbt_utils.pivot('color', ['red', 'blue'], then_value=3, else_value=2, prefix='c_') }} from {{ t }} where size = 'S' group by size";
        Assert.Equal(["S|8|7"], await h.RowsAsync(custom, ("t", shirts)));
        Assert.Equal(["size", "c_red", "c_blue"], await h.ColumnsAsync(custom, ("t", shirts)));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Deduplicate_keeps_the_newest_row_of_each_key_nulls_included(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var events = await h.TableAsync("events", """
            SELECT 1 AS id, 10 AS version, 'old' AS note UNION ALL
            SELECT 1, 20, NULL UNION ALL
            SELECT 2, 5, 'only' UNION ALL
            SELECT 3, 1, 'first' UNION ALL
            SELECT 3, 2, 'second'
            """);

        var rows = await h.RowsAsync("select id, version, note from ({{ dbt_utils.deduplicate(t, 'id', 'version desc') }}) as d order by id", ("t", events));
        var columns = await h.ColumnsAsync("{{ dbt_utils.deduplicate(t, partition_by='id', order_by='version desc') }}", ("t", events));

        Assert.Equal(["1|20|∅", "2|5|only", "3|2|second"], rows);
        Assert.Equal(["id", "version", "note"], columns);
    }
}
