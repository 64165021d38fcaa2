using Greenhouse.Transform.Compiling;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>The relation and adapter objects templates see, over a real warehouse.</summary>
public sealed class TemplateAdapterTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_relation_renders_as_the_warehouse_names_it_and_changes_by_copy(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var relation = new TemplateRelation(h.Warehouse.Dialect, "analytics", "fct_mrr", RelationKind.View);
        const string Template = """
            {{ r }}|{{ r.render() }}|{{ r.schema }}|{{ r.identifier }}|{{ r.name }}|{{ r.database is none }}|{{ r.type }}|{{ r.is_view }}|{{ r.is_table }}
            {{ r.include(schema=false) }}|{{ r.quote(identifier=false) }}|{{ r.incorporate(path={'identifier': 'dim_x'}, type='table').is_table }}|{{ r.incorporate(path={'identifier': 'dim_x'}) }}|{{ r.replace_path(schema='other') }}|{{ r == r.incorporate() }}
            """;

        var text = h.Render(Template, ("r", relation));

        Assert.Equal(kind == "sqlite"
            ? "\"analytics_fct_mrr\"|\"analytics_fct_mrr\"|analytics|fct_mrr|fct_mrr|True|view|True|False\n\"analytics_fct_mrr\"|analytics_fct_mrr|True|\"analytics_dim_x\"|\"other_fct_mrr\"|True"
            : "\"analytics\".\"fct_mrr\"|\"analytics\".\"fct_mrr\"|analytics|fct_mrr|fct_mrr|True|view|True|False\n\"fct_mrr\"|\"analytics\".fct_mrr|True|\"analytics\".\"dim_x\"|\"other\".\"fct_mrr\"|True",
            text);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_adapter_reads_columns_and_relations_from_the_warehouse(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        await h.Warehouse.EnsureSchemaAsync(h.Warehouse.ModelRelation(h.Schema, "typed"));
        await h.Warehouse.ExecuteAsync($"CREATE TABLE {h.Relation("typed")} (id integer, name varchar(20), amount numeric(10,2), note text)");
        await h.TableAsync("typed_view", $"SELECT id FROM {h.Relation("typed")}", "VIEW");
        const string Columns = """
            {%- for c in adapter.get_columns_in_relation(r) -%}
            {{ c.name }} {{ c.quoted }} {{ c.dtype }} {{ c.is_string() }} {{ c.is_number() }} {{ c.is_integer() }}{% if c.is_string() %} {{ c.string_size() }}{% endif %};
            {%- endfor -%}
            """;

        var columns = h.Render(Columns, ("r", h.Relation("typed")));
        var relations = h.Render(
            "{{ adapter.get_relation(database=none, schema=s, identifier='typed').type }} {{ adapter.get_relation(none, s, 'typed_view').type }} {{ adapter.get_relation(none, s, 'nope') is none }} {{ load_relation(r) is none }}",
            ("s", h.Schema), ("r", h.Relation("nope")));
        var parsing = h.Render("{{ adapter.get_columns_in_relation(r) | length }} {{ adapter.get_relation(none, s, 'typed') is none }} {{ run_query('select 1') is none }} {{ adapter.execute('drop table ' ~ r)[1].rows | length }}",
            ("r", h.Relation("typed")), ("s", h.Schema), ("execute", false));

        Assert.Equal(kind == "sqlite"
            ? "id \"id\" integer False True True;name \"name\" varchar True False False 20;amount \"amount\" numeric False True False;note \"note\" text True False False 256;"
            : "id \"id\" integer False True True;name \"name\" character varying True False False 20;amount \"amount\" numeric False True False;note \"note\" text True False False 256;",
            columns);
        Assert.Equal("table view True True", relations);
        Assert.Equal("0 True True 0", parsing);
        Assert.Contains("id", h.Render("{{ adapter.get_columns_in_relation(r)[0].name }}", ("r", h.Relation("typed"))), StringComparison.Ordinal);
        Assert.Equal(kind == "sqlite" ? "sqlite" : "postgres", h.Render("{{ adapter.type() }}"));
        Assert.Equal($"{h.Relation("typed")} True", h.Render("{% set r = api.Relation.create(schema=s, identifier='typed', type='table') %}{{ r }} {{ r.is_table }}", ("s", h.Schema)));
        Assert.Equal("\"a\"\"b\"", h.Render("{{ adapter.quote('a\"b') }}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_adapter_reads_the_columns_of_a_landed_raw_table(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var raw = new TemplateRelation(h.Warehouse.Dialect, h.RawSchema, "shop_orders");
        await h.Warehouse.ExecuteAsync($"CREATE TABLE {raw} (id text, total integer)");

        var text = h.Render("{% for c in adapter.get_columns_in_relation(r) %}{{ c.name }} {% endfor %}{{ adapter.get_relation(none, s, 'shop_orders').is_table }}",
            ("r", raw), ("s", h.RawSchema));

        Assert.Equal("id total True", text);
        Assert.Equal(kind == "sqlite" ? "\"raw_shop_orders\"" : $"\"{h.RawSchema}\".\"shop_orders\"", raw.ToString());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Run_query_and_statement_blocks_return_tables_of_the_rows(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        const string Template = """
            {%- set t = run_query("select 1 as n, 'x' as s union all select 2, 'y' order by n") -%}
            {{ t.column_names }} {{ t.columns[1].values() }} {{ t.columns['n'].values() | sum }} {{ t.rows[1]['s'] }} {{ t.rows[0][0] }} {{ t.rows | length }}{% do t.print_table() %}
            {% call statement('one', fetch_result=True) %}select 41 + 1 as answer{% endcall -%}
            {{ load_result('one')['data'][0][0] }} {{ load_result('one').table.rows[0].answer }} {{ load_result('missing') is none }}
            """;

        Assert.Equal("('n', 's') ('x', 'y') 3 y 1 2\n42 42 True", h.Render(Template));
    }
}
