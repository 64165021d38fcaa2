using Greenhouse.Tests.Infrastructure;
using Greenhouse.Transform;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform.Project;

/// <summary>Projects written for dbt-core run unchanged on both warehouses and build the tables dbt would.</summary>
public sealed class DbtProjectRunTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryRoot.Path, "tests", "Greenhouse.Tests", "Transform", "Project", "Fixtures", name);

    private static void CopyFixture(string name, string to)
    {
        var from = Fixture(name);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            ProjectHarness.Write(to, Path.GetRelativePath(from, file), File.ReadAllText(file));
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_jaffle_shop_style_project_builds_the_tables_dbt_builds(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        CopyFixture("jaffle_shop", harness.Root);

        var result = await harness.RunAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(8, result.Nodes.Count(n => n.Materialization != "test"));
        // Its schema.yml's tests, named as dbt names them (dbt's own jaffle_shop manifest has accepted_values_orders_1ce6ab…), all pass.
        Assert.Equal(
            ["accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758", "not_null_customers_customer_id", "not_null_orders_order_id",
             "unique_customers_customer_id", "unique_orders_order_id"],
            result.Tests.Select(t => t.Node.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Tests, t => Assert.Equal(ModelRunStatus.Succeeded, t.Record.Status));
        Assert.Equal(RelationKind.View, await harness.Transform.KindOfAsync("stg_orders"));
        Assert.Equal(RelationKind.Table, await harness.Transform.KindOfAsync("customers"));
        Assert.Equal(
            ["1|Michael|2018-01-01|2018-01-05|3|54", "2|Shawn|2018-01-05|2018-01-05|1|17", "3|Kathleen|2018-01-02|2018-01-02|1|20", "4|Jimmy|∅|∅|0|∅"],
            await harness.RowsAsync($"""
                select customer_id, first_name, cast(first_order as varchar(10)), cast(most_recent_order as varchar(10)), coalesce(number_of_orders, 0), customer_lifetime_value
                from {harness.Ref("customers")} order by customer_id
                """));
        Assert.Equal(
            ["1|returned|10|0|0|0|10", "2|completed|20|0|0|0|20", "3|completed|25|1|0|0|26", "4|return_pending|0|0|17|0|17", "5|placed|12|0|0|6|18"],
            await harness.RowsAsync($"""
                select order_id, status, credit_card_amount, coupon_amount, bank_transfer_amount, gift_card_amount, amount
                from {harness.Ref("orders")} order by order_id
                """));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Staging_views_over_landed_streams_read_the_typed_columns(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        await harness.LandAsync("stripe", "customers", ["email", "country"], ["cus_1", "A@Example.com", "DE"], ["cus_2", "b@example.com", "FR"]);
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    staging:\n      +materialized: view\n    marts:\n      +materialized: table\n      +schema: marts\n")
            .Write("models/staging/stg_stripe_customers.sql", "select id as customer_id, lower(email) as email, country from {{ source('stripe', 'customers') }} where _gh_deleted_at is null")
            .Write("models/marts/customers_per_country.sql", "select country, count(*) as customers from {{ ref('stg_stripe_customers') }} group by country");

        var result = await harness.RunAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var relation = harness.Transform.Warehouse.ModelRelation(harness.Transform.Schema + "_marts", "customers_per_country");
        Assert.Equal(["DE|1", "FR|1"], await harness.RowsAsync($"select country, customers from {relation.Sql} order by country"));
        Assert.Equal(["a@example.com", "b@example.com"], await harness.RowsAsync($"select email from {harness.Ref("stg_stripe_customers")} order by email"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_incremental_model_merges_a_late_update_on_its_unique_key(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        await harness.LandAsync("shop", "orders", ["status", "updated"], ["o1", "placed", "2026-01-01"], ["o2", "placed", "2026-01-02"]);
        harness.Write("dbt_project.yml", "name: shop\n")
            .Write("models/orders.sql", """
                {{ config(materialized='incremental', unique_key='order_id', incremental_strategy='merge') }}
                select id as order_id, status, updated from {{ source('shop', 'orders') }}
                {% if is_incremental() %}
                where updated >= (select max(updated) from {{ this }})
                {% endif %}
                """);
        Assert.Equal(RunStatus.Succeeded, (await harness.RunAsync()).Status);

        var raw = harness.Transform.Test.TableSql(new Greenhouse.Sources.StreamDescriptor("shop", "orders", "id", []));
        await harness.Transform.Warehouse.ExecuteAsync($"UPDATE {raw} SET status = 'shipped', updated = '2026-01-03' WHERE id = 'o1'");
        Assert.Equal(RunStatus.Succeeded, (await harness.RunAsync()).Status);

        Assert.Equal(["o1|shipped|2026-01-03", "o2|placed|2026-01-02"], await harness.RowsAsync($"select order_id, status, updated from {harness.Ref("orders")} order by order_id"));
        var indexes = await harness.RowsAsync(kind == "sqlite"
            ? "select name from sqlite_master where type = 'index' and tbl_name = 'analytics_orders'"
            : $"select indexname from pg_indexes where schemaname = '{harness.Transform.Schema}' and tablename = 'orders'");
        Assert.Equal([kind == "sqlite" ? "analytics_orders__gh_key" : "orders__gh_key"], indexes);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_model_failing_mid_dag_skips_its_dependants_and_leaves_their_tables(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  +materialized: table\n")
            .Write("models/a.sql", "select 1 as id")
            .Write("models/b.sql", "select id from {{ ref('a') }}")
            .Write("models/c.sql", "select id from {{ ref('b') }}");
        Assert.Equal(RunStatus.Succeeded, (await harness.RunAsync()).Status);

        harness.Write("models/b.sql", "select no_such_column from {{ ref('a') }}");
        var result = await harness.RunAsync();

        Assert.Equal(RunStatus.Partial, result.Status);
        Assert.Equal(ModelRunStatus.Failed, result.Nodes.Single(n => n.Node == "model.shop.b").Status);
        Assert.StartsWith("Skipped: upstream model.shop.b failed", result.Nodes.Single(n => n.Node == "model.shop.c").Error, StringComparison.Ordinal);
        Assert.Equal(["1"], await harness.RowsAsync($"select id from {harness.Ref("c")}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Built_in_dbt_and_dbt_utils_macros_run_in_a_project_on_both_warehouses(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  +materialized: table\n")
            .Write("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n")
            .Write("seeds/orders.csv", "id,status,ordered,internal_note\n1,placed,2024-01-31,x\n2,shipped,2024-02-15,y\n3,shipped,2024-02-20,z\n")
            .Write("models/monthly.sql", """
                select
                    {{ dbt_utils.generate_surrogate_key(['status']) }} as status_key,
                    {{ dbt_utils.star(ref('orders'), except=['internal_note']) }},
                    {{ dbt.date_trunc('month', 'ordered') }} as month
                from {{ ref('orders') }}
                """)
            .Write("models/per_status.sql", """
                {%- set statuses = dbt_utils.get_column_values(ref('orders'), 'status') -%}
                select
                {%- for status in statuses %}
                    sum(case when status = '{{ status }}' then 1 else 0 end) as {{ status }}{{ ',' if not loop.last }}
                {%- endfor %}
                from {{ ref('orders') }}
                """);

        var result = await harness.RunAsync();

        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Nodes.Select(n => $"{n.Node}: {n.Error}")));
        var columns = await harness.RowsAsync($"select count(distinct status_key), count(*) from {harness.Ref("monthly")}");
        Assert.Equal(["2|3"], columns);
        var months = await harness.RowsAsync($"select distinct substr(cast(month as varchar(30)), 1, 10) from {harness.Ref("monthly")} order by 1");
        Assert.Equal(["2024-01-01", "2024-02-01"], months);
        var described = await harness.Transform.Warehouse.DescribeRelationAsync(harness.Transform.Warehouse.ModelRelation(harness.Transform.Schema, "monthly"));
        Assert.DoesNotContain(described!.Columns, c => c.Name == "internal_note");
        Assert.Equal(["1|2"], await harness.RowsAsync($"select placed, shipped from {harness.Ref("per_status")}"));
    }
}
