using Greenhouse.Transform;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Project;

public sealed class ProjectCompilerTests
{
    [Fact]
    public async Task Ref_renders_the_relation_and_orders_the_graph()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/stg_orders.sql", "select 1 as id"),
            ("models/fct_orders.sql", "select * from {{ ref('stg_orders') }}"));
        var project = harness.Parse();

        Assert.Equal("select * from \"analytics_stg_orders\"", project.Compile("model.shop.fct_orders"));
        var fct = project.Nodes.Single(n => n.Name == "fct_orders");
        Assert.Equal(["model.shop.stg_orders"], fct.DependsOn);
        Assert.Equal(["shop", "fct_orders"], fct.Fqn);
    }

    [Fact]
    public async Task A_ref_to_a_missing_model_names_the_file_and_the_nearest_name()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/stg_orders.sql", "select 1 as id"),
            ("models/fct_orders.sql", "select * from {{ ref('stg_order') }}"));
        Assert.Contains("models/fct_orders.sql: ref('stg_order') names no model or seed in the project. Did you mean 'stg_orders'?", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cycle_is_reported_as_its_path()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/a.sql", "select * from {{ ref('c') }}"),
            ("models/b.sql", "select * from {{ ref('a') }}"),
            ("models/c.sql", "select * from {{ ref('b') }}"));
        Assert.Contains("cycle: model.shop.a -> model.shop.c -> model.shop.b -> model.shop.a", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/a.sql", "select * from {{ ref('nope') }}"),
            ("models/b.sql", "{{ config(materialized='snapshot') }} select 1"),
            ("models/c.sql", "select {{ 1 + }}"));
        var message = harness.ParseError();
        Assert.Contains("models/a.sql: ref('nope')", message, StringComparison.Ordinal);
        Assert.Contains("models/b.sql: materialized 'snapshot' is not one Greenhouse builds", message, StringComparison.Ordinal);
        Assert.Contains("models/c.sql:1:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_config_beats_properties_which_beat_dbt_project_yml_and_tags_add_up()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/marts/fct.sql", "{{ config(materialized='incremental', unique_key='id', tags=['file']) }} select 1 as id"),
            ("models/marts/schema.yml", "version: 2\nmodels:\n  - name: fct\n    config:\n      materialized: view\n      schema: finance\n      tags: [yml]\n"));
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    marts:\n      +materialized: table\n      +schema: marts\n      +tags: [project]\n");
        var project = harness.Parse();

        var node = project.TransformNodes.Single();
        Assert.Equal(Materialization.Incremental, node.Materialization);
        Assert.Equal("analytics_finance", node.Schema);
        Assert.Equal(["id"], node.UniqueKey);
        Assert.Equal(["project", "yml", "file"], project.Nodes.Single(n => n.Name == "fct").Tags);
    }

    [Fact]
    public async Task The_indexes_config_is_read_as_dbt_postgres_writes_it_and_a_type_is_refused()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/fct.sql", "{{ config(materialized='table', indexes=[{'columns': ['updated']}, {'columns': ['id', 'day'], 'unique': True}]) }} select 1 as id"));
        var node = harness.Parse().TransformNodes.Single();
        Assert.Equal([["updated"], ["id", "day"]], node.Indexes.Select(i => i.Columns));
        Assert.Equal([false, true], node.Indexes.Select(i => i.Unique));

        harness.Write("models/fct.sql", "{{ config(materialized='table', indexes=[{'columns': ['geo'], 'type': 'gist'}]) }} select 1 as id");
        Assert.Contains("models/fct.sql: each of indexes is a dict of columns", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_get_sees_the_config_from_dbt_project_yml()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m.sql", "select '{{ config.get('materialized') }}' as m, '{{ config.get('missing', 'fallback') }}' as f"));
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  +materialized: table\n");
        Assert.Equal("select 'table' as m, 'fallback' as f", harness.Parse().Compile("model.shop.m"));
    }

    [Fact]
    public async Task Target_name_switches_materialization_the_way_dbt_labs_do()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/m.sql", "select 1 as id"));
        harness.Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +materialized: \"{{ 'table' if target.name == 'prod' else 'view' }}\"\n");
        harness.Write("models/m.sql", "{{ config(materialized=('table' if target.name == 'prod' else 'view')) }} select '{{ target.name }}' as t, '{{ target.type }}' as k");
        Assert.Equal(Materialization.View, harness.Parse(harness.Settings("dev")).TransformNodes.Single().Materialization);
        var prod = harness.Parse(harness.Settings("prod"));
        Assert.Equal(Materialization.Table, prod.TransformNodes.Single().Materialization);
        Assert.Equal(" select 'prod' as t, 'sqlite' as k", prod.Compile("model.shop.m"));
    }

    [Fact]
    public async Task Flags_say_which_command_renders_and_whether_it_is_a_full_refresh()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/m.sql", "select '{{ flags.WHICH }}' as which{% if flags.FULL_REFRESH %}, 1 as full_refresh{% endif %}"));

        Assert.Equal("select 'run' as which", harness.Parse().Compile("model.shop.m"));
        Assert.Equal("select 'build' as which, 1 as full_refresh",
            harness.Parse(harness.Settings() with { Command = "build", FullRefresh = true }).Compile("model.shop.m"));
    }

    [Fact]
    public async Task Vars_come_from_the_command_line_then_the_project_then_the_default()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/m.sql", "select {{ var('a') }} as a, {{ var('b') }} as b, {{ var('c', 3) }} as c"));
        harness.Write("dbt_project.yml", "name: shop\nvars:\n  a: 1\n  b: 1\n  shop:\n    b: 2\n");
        Assert.Equal("select 1 as a, 2 as b, 3 as c", harness.Parse().Compile("model.shop.m"));
        Assert.Equal("select 9 as a, 2 as b, 3 as c", harness.Parse(harness.Settings(vars: new TemplateDictionary { ["a"] = 9L })).Compile("model.shop.m"));
    }

    [Fact]
    public async Task A_missing_var_without_a_default_is_an_error_naming_it()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/m.sql", "select {{ var('start_date') }}"));
        var message = harness.ParseError();
        Assert.Contains("  models/m.sql:1:", message, StringComparison.Ordinal);
        Assert.Contains("Required var 'start_date' not found", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_var_reads_the_environment_and_an_unset_one_without_default_names_the_variable()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/m.sql", "select '{{ env_var('REGION') }}' as r, '{{ env_var('UNSET', 'eu') }}' as d"));
        Assert.Equal("select 'us' as r, 'eu' as d",
            harness.Parse(harness.Settings(environment: name => name == "REGION" ? "us" : null)).Compile("model.shop.m"));
        var message = harness.ParseError();
        Assert.Contains("the environment variable REGION is not set and no default was given", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undeclared_sources_resolve_to_landed_streams_by_either_name()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/a.sql", "select * from {{ source('raw', 'stripe_customers') }}"),
            ("models/b.sql", "select * from {{ source('stripe', 'customers') }}"));
        await harness.LandAsync("stripe", "customers", ["email"], ["cus_1", "a@example.com"]);
        var project = harness.Parse();

        Assert.Equal("select * from \"raw_stripe_customers\"", project.Compile("model.shop.a"));
        Assert.Equal("select * from \"raw_stripe_customers\"", project.Compile("model.shop.b"));
        Assert.All(project.Nodes.Where(n => n.Type == ManifestNodeType.Model), n => Assert.Equal(["source.shop.stripe.customers"], n.DependsOn));
        Assert.Equal("stripe.customers", project.Sources["source.shop.stripe.customers"].Stream!.FullName);
    }

    [Fact]
    public async Task An_unknown_source_lists_the_landed_streams()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/a.sql", "select * from {{ source('stripe', 'customer') }}"));
        await harness.LandAsync("stripe", "customers", ["email"]);
        var message = harness.ParseError();
        Assert.Contains("models/a.sql: source('stripe', 'customer') is not declared in a properties file and is not a landed stream. Did you mean 'stripe.customers'?", message, StringComparison.Ordinal);
        Assert.Contains("Landed streams: stripe.customers.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_source_with_a_schema_and_identifier_reads_that_table()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/a.sql", "select * from {{ source('legacy', 'orders') }}"),
            ("models/sources.yml", "version: 2\nsources:\n  - name: legacy\n    schema: old\n    tables:\n      - name: orders\n        identifier: orders_2019\n"));
        var project = harness.Parse();
        Assert.Equal("select * from \"old_orders_2019\"", project.Compile("model.shop.a"));
        Assert.Equal(ManifestNodeType.Source, project.Nodes.Single(n => n.UniqueId == "source.shop.legacy.orders").Type);
    }

    [Fact]
    public async Task Ephemeral_models_are_inlined_as_ctes_also_into_a_model_that_has_its_own_with()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/base.sql", "{{ config(materialized='ephemeral') }}select 1 as id"),
            ("models/middle.sql", "{{ config(materialized='ephemeral') }}select * from {{ ref('base') }}"),
            ("models/top.sql", "-- the report\nwith x as (select * from {{ ref('middle') }}) select * from x"),
            ("models/plain.sql", "select * from {{ ref('base') }}"));
        var project = harness.Parse();

        Assert.Equal("-- the report\nwith __dbt__cte__base as (\nselect 1 as id\n), __dbt__cte__middle as (\nselect * from __dbt__cte__base\n), x as (select * from __dbt__cte__middle) select * from x",
            project.Compile("model.shop.top"));
        Assert.Equal("with __dbt__cte__base as (\nselect 1 as id\n)\nselect * from __dbt__cte__base", project.Compile("model.shop.plain"));
        Assert.DoesNotContain(project.TransformNodes, n => n.Name == "base" && n.Materialization != Materialization.Ephemeral);
    }

    [Fact]
    public async Task A_projects_generate_schema_name_macro_is_honoured()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m.sql", "{{ config(schema='marts') }}select 1 as id"),
            ("macros/schema.sql", "{% macro generate_schema_name(custom_schema_name, node) -%}\n{{ custom_schema_name or target.schema }}\n{%- endmacro %}"));
        Assert.Equal("marts", harness.Parse().TransformNodes.Single().Schema);
    }

    [Fact]
    public async Task Disabled_models_are_left_out_and_a_ref_to_one_says_so()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/old.sql", "{{ config(enabled=false) }}select 1"),
            ("models/new.sql", "select 2"));
        Assert.Equal(["new"], harness.Parse().TransformNodes.Select(n => n.Name));
        harness.Write("models/new.sql", "select * from {{ ref('old') }}");
        Assert.Contains("ref('old') names a model that is disabled", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_incremental_and_this_render_per_run()
    {
        await using var harness = await ProjectHarness.ShopAsync(("models/events.sql",
            "{{ config(materialized='incremental', unique_key='id') }}select 1 as id{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}"));
        var project = harness.Parse();
        Assert.Equal("select 1 as id", project.Compile("model.shop.events"));
        Assert.Equal("select 1 as id where id > (select max(id) from \"analytics_events\")", project.Compile("model.shop.events", isIncremental: true));
    }

    [Fact]
    public async Task Project_macros_docs_and_run_started_at_are_in_every_render()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("macros/cents.sql", "{% macro to_dollars(column) %}({{ column }} / 100.0){% endmacro %}"),
            ("models/docs.md", "{% docs amount %}The amount in dollars.{% enddocs %}"),
            ("models/m.sql", "select {{ to_dollars('amount') }} as amount, '{{ doc('amount') }}' as d, '{{ run_started_at.strftime('%Y-%m-%d') }}' as day from t"));
        Assert.Equal("select (amount / 100.0) as amount, 'The amount in dollars.' as d, '2026-03-01' as day from t", harness.Parse().Compile("model.shop.m"));
    }

    [Fact]
    public async Task Seeds_take_column_types_and_delimiter_from_config()
    {
        await using var harness = await ProjectHarness.ShopAsync(("seeds/rates.csv", "day;rate\n2020-01-01;1.1\n"));
        harness.Write("dbt_project.yml", "name: shop\nseeds:\n  shop:\n    rates:\n      +delimiter: ';'\n      +column_types:\n        rate: numeric\n");
        var seed = harness.Parse().TransformNodes.Single().Seed!;
        Assert.Equal(';', seed.Delimiter);
        Assert.Equal("numeric", seed.ColumnTypes["rate"]);
    }
}
