using Greenhouse.Tests.Infrastructure;
using Greenhouse.Transform.Project;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform.Project;

/// <summary>dbt's model versions (dbt-core 1.5+): files, relations, refs, config, per-version tests and the problems of bad entries.</summary>
public sealed class ModelVersionTests
{
    /// <summary>dim_customers in two versions: v1 has a name column, v2 (the latest) a full_name instead.</summary>
    private const string TwoVersions = """
        version: 2
        models:
          - name: dim_customers
            columns:
              - name: customer_id
                data_tests: [not_null, unique]
              - name: name
                data_tests: [not_null]
            versions:
              - v: 1
              - v: 2
                columns:
                  - include: all
                    exclude: [name]
                  - name: full_name
                    data_tests: [not_null]
        """;

    private static ProjectHarness WriteTwoVersions(ProjectHarness harness, string properties = TwoVersions) => harness
        .Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +materialized: table\n")
        .Write("models/dim_customers_v1.sql", "select 1 as customer_id, 'Ada' as name union all select 2, 'Bob'")
        .Write("models/dim_customers_v2.sql", "select 1 as customer_id, 'Ada Lovelace' as full_name union all select 2, 'Bob Dylan'")
        .Write("models/schema.yml", properties);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Two_versions_build_as_m_v1_and_m_v2_and_an_unpinned_ref_reads_the_latest(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteTwoVersions(harness)
            .Write("models/latest_names.sql", "select full_name from {{ ref('dim_customers') }}")
            .Write("models/old_names.sql", "select name from {{ ref('dim_customers', v=1) }}")
            .Write("models/old_names_too.sql", "select name from {{ ref('dim_customers', version='1') }}");

        var result = await harness.RunAsync();

        Assert.All(result.Nodes, n => Assert.True(n.Status == ModelRunStatus.Succeeded, $"{n.Node}: {n.Error}"));
        Assert.Equal(["1|Ada", "2|Bob"], await harness.RowsAsync($"select customer_id, name from {harness.Ref("dim_customers_v1")} order by customer_id"));
        Assert.Equal(["1|Ada Lovelace", "2|Bob Dylan"], await harness.RowsAsync($"select customer_id, full_name from {harness.Ref("dim_customers_v2")} order by customer_id"));
        Assert.Equal(["Ada Lovelace", "Bob Dylan"], await harness.RowsAsync($"select full_name from {harness.Ref("latest_names")} order by full_name"));
        Assert.Equal(["Ada", "Bob"], await harness.RowsAsync($"select name from {harness.Ref("old_names")} order by name"));
        Assert.Equal(["Ada", "Bob"], await harness.RowsAsync($"select name from {harness.Ref("old_names_too")} order by name"));
        Assert.DoesNotContain("dim_customers", await harness.Transform.RelationsAsync(), StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Generic_tests_apply_to_each_version_with_its_columns_and_are_named_with_the_version(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteTwoVersions(harness);

        var result = await harness.RunAsync();

        // v2 excludes name and adds full_name: dbt's names carry the version (not_null_dim_customers_v2_customer_id).
        Assert.Equal(
            [
                "not_null_dim_customers_v1_customer_id", "not_null_dim_customers_v1_name", "not_null_dim_customers_v2_customer_id",
                "not_null_dim_customers_v2_full_name", "unique_dim_customers_v1_customer_id", "unique_dim_customers_v2_customer_id",
            ],
            result.Tests.Select(t => t.Node.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Tests, t => Assert.True(t.Record.Status == ModelRunStatus.Succeeded, $"{t.Node.Name}: {t.Record.Error}\n{t.Sql}"));
        var project = harness.Parse();
        Assert.Equal(["model.shop.dim_customers.v2"], project.Nodes.Single(n => n.Name == "not_null_dim_customers_v2_full_name").DependsOn);
        Assert.Equal(["model.shop.dim_customers.v1"], project.Nodes.Single(n => n.Name == "not_null_dim_customers_v1_name").DependsOn);
        Assert.Contains("dim_customers_v2", project.Compile(project.Nodes.Single(n => n.Name == "not_null_dim_customers_v2_full_name").UniqueId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_s_include_list_keeps_only_those_columns_and_its_own_tests_replace_the_model_s()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id, 2 as a, 3 as b"),
            ("models/m_v2.sql", "select 1 as id, 2 as a, 3 as b"),
            ("models/schema.yml", """
                version: 2
                models:
                  - name: m
                    data_tests:
                      - dbt_utils.expression_is_true: {arguments: {expression: "id > 0"}}
                    columns:
                      - name: id
                        data_tests: [unique]
                      - name: a
                        data_tests: [not_null]
                      - name: b
                        data_tests: [not_null]
                    versions:
                      - v: 1
                        columns:
                          - include: [id, b]
                      - v: 2
                        data_tests: []
                        columns:
                          - include: '*'
                          - name: a
                            data_tests: [unique]
                """));

        var tests = harness.Parse().Nodes.Where(n => n.Type == ManifestNodeType.Test).Select(n => n.Name).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "dbt_utils_expression_is_true_m_v1_id_0", "not_null_m_v1_b", "not_null_m_v2_b", "unique_m_v1_id", "unique_m_v2_a", "unique_m_v2_id",
            ],
            tests);
    }

    [Fact]
    public async Task Nodes_carry_the_version_its_unique_id_fqn_and_alias_and_templates_see_version_and_latest_version()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select '{{ model.version }}/{{ model.latest_version }}/{{ model.name }}/{{ this.identifier }}' as seen"),
            ("models/m_v2.sql", "select 1 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 1\n      - v: 2\n"));
        var project = harness.Parse();

        var v1 = project.Nodes.Single(n => n.UniqueId == "model.shop.m.v1");
        Assert.Equal(("m", "1", "2"), (v1.Name, v1.Version, v1.LatestVersion));
        Assert.Equal(["shop", "m", "v1"], v1.Fqn);
        Assert.Equal("m.v1", v1.SearchName);
        Assert.Equal(["m_v1", "m_v2"], project.TransformNodes.Select(n => n.Alias));
        Assert.Equal("select '1/2/m/m_v1' as seen", project.Compile("model.shop.m.v1"));
    }

    [Fact]
    public async Task A_version_s_config_merges_after_the_model_s_and_before_the_file_s_own_and_alias_wins()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/m_v2.sql", "{{ config(tags=['file']) }} select 1 as id"),
            ("models/schema.yml", """
                version: 2
                models:
                  - name: m
                    config: {materialized: table, tags: [model]}
                    versions:
                      - v: 1
                        config: {materialized: view, alias: legacy_m}
                      - v: 2
                        config: {tags: [version]}
                """));
        var project = harness.Parse();

        var v1 = project.TransformNodes.Single(n => n.UniqueId == "model.shop.m.v1");
        var v2 = project.Nodes.Single(n => n.UniqueId == "model.shop.m.v2");
        Assert.Equal((Greenhouse.Transform.Materialization.View, "legacy_m"), (v1.Materialization, v1.Alias));
        Assert.Equal("table", v2.Config["materialized"]);
        Assert.Equal(["model", "version", "file"], v2.Tags);
    }

    [Fact]
    public async Task A_latest_version_below_the_greatest_makes_the_greater_a_prerelease_that_an_unpinned_ref_skips()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/m_v2.sql", "select 2 as id"),
            ("models/reader.sql", "select * from {{ ref('m') }}"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    latest_version: 1\n    versions:\n      - v: 1\n      - v: 2\n"));
        var project = harness.Parse();

        Assert.Equal(["model.shop.m.v1"], project.Nodes.Single(n => n.Name == "reader").DependsOn);
        Assert.Equal("select * from \"analytics_m_v1\"", project.Compile("model.shop.reader"));
        Assert.All(project.Nodes.Where(n => n.Name == "m"), n => Assert.Equal("1", n.LatestVersion));
    }

    [Fact]
    public async Task The_latest_version_defaults_to_the_greatest_by_number_else_alphabetically()
    {
        await using var numbers = await ProjectHarness.ShopAsync(
            ("models/m_v9.sql", "select 1 as id"),
            ("models/m_v10.sql", "select 1 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 10\n      - v: 9\n"));
        Assert.All(numbers.Parse().Nodes.Where(n => n.Name == "m"), n => Assert.Equal("10", n.LatestVersion));

        await using var words = await ProjectHarness.ShopAsync(
            ("models/m_valpha.sql", "select 1 as id"),
            ("models/m_vbeta.sql", "select 1 as id"),
            ("models/m_v2.sql", "select 1 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: beta\n      - v: alpha\n      - v: 2\n"));
        Assert.All(words.Parse().Nodes.Where(n => n.Name == "m"), n => Assert.Equal("beta", n.LatestVersion));
    }

    [Fact]
    public async Task The_latest_version_may_be_defined_in_the_unsuffixed_file()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/m.sql", "select 2 as id"),
            ("models/reader.sql", "select * from {{ ref('m') }}"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 1\n      - v: 2\n"));
        var project = harness.Parse();

        var v2 = project.Nodes.Single(n => n.UniqueId == "model.shop.m.v2");
        Assert.Equal("models/m.sql", v2.Path);
        Assert.Equal("m_v2", project.TransformNodes.Single(n => n.UniqueId == v2.UniqueId).Alias);
        Assert.Equal("select * from \"analytics_m_v2\"", project.Compile("model.shop.reader"));
    }

    [Fact]
    public async Task Defined_in_names_the_file_of_a_version()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/legacy_customers.sql", "select 1 as id"),
            ("models/m_v2.sql", "select 2 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 1\n        defined_in: legacy_customers\n      - v: 2\n"));
        var project = harness.Parse();

        var v1 = project.Nodes.Single(n => n.UniqueId == "model.shop.m.v1");
        Assert.Equal(("m", "models/legacy_customers.sql"), (v1.Name, v1.Path));
        Assert.Equal("m_v1", project.TransformNodes.Single(n => n.UniqueId == v1.UniqueId).Alias);
        Assert.DoesNotContain(project.Nodes, n => n.Name == "legacy_customers");
    }

    [Theory]
    [InlineData("    versions:\n      - defined_in: m_v1\n", "models/schema.yml:5:9: models.m.versions: an entry has no v:")]
    [InlineData("    versions:\n      - v: 1\n      - v: '1'\n", "models/schema.yml:6:12: models.m.versions.v: the version '1' is listed twice")]
    [InlineData("    latest_version: 3\n    versions:\n      - v: 1\n", "models/schema.yml:4:21: models.m.latest_version: '3' is not one of the model's versions (1).")]
    [InlineData("    versions:\n      - v: 1\n      - v: 2\n        defined_in: nowhere\n",
        "models/schema.yml:6:9: models.m.versions.v2.defined_in: there is no models/**/nowhere.sql for version 2 of 'm'.")]
    [InlineData("    versions:\n      - v: 1\n      - v: 3\n",
        "models/schema.yml:6:9: models.m.versions.v3: no file defines version 3 of 'm': write models/**/m_v3.sql (or m.sql, as it is the latest)")]
    [InlineData("    versions:\n      - v: 1\n        columns:\n          - include: some\n", "models/schema.yml:7:22: models.m.versions.v1.columns.include: expected '*', 'all' or a list")]
    public async Task A_bad_versions_entry_is_a_problem_at_its_line(string versions, string expected)
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n" + versions));
        Assert.Contains(expected, harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsuffixed_file_that_is_none_of_the_versions_is_a_problem()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/m.sql", "select 1 as id"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 1\n"));
        Assert.Contains("models/m.sql: 'm' is a versioned model (models/schema.yml), and this file defines none of its versions (1)", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_to_a_version_that_does_not_exist_names_the_versions_that_do()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/m_v1.sql", "select 1 as id"),
            ("models/m_v2.sql", "select 1 as id"),
            ("models/reader.sql", "select * from {{ ref('m', v=3) }}"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: m\n    versions:\n      - v: 1\n      - v: 2\n"));
        Assert.Contains("models/reader.sql: ref('m', v=3) names no version of 'm'; its versions are 1, 2.", harness.ParseError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_with_a_version_to_an_unversioned_model_is_a_problem()
    {
        await using var harness = await ProjectHarness.ShopAsync(
            ("models/orders.sql", "select 1 as id"),
            ("models/reader.sql", "select * from {{ ref('orders', version=2) }}"));
        Assert.Contains("models/reader.sql: ref('orders', v=2) names a version, but 'orders' is not a versioned model", harness.ParseError(), StringComparison.Ordinal);
    }
}
