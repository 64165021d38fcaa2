using Greenhouse.Transform.Project;

namespace Greenhouse.Tests.Transform.Project;

public sealed class ProjectLoaderTests
{
    private static DbtProject Load(params (string Path, string Text)[] files)
    {
        var root = ProjectHarness.NewFolder();
        foreach (var (path, text) in files)
        {
            ProjectHarness.Write(root, path, text);
        }

        return ProjectLoader.Load(root);
    }

    private static string LoadError(params (string Path, string Text)[] files) =>
        Assert.Throws<ProjectException>(() => Load(files)).Message;

    [Fact]
    public void A_folder_without_dbt_project_yml_says_how_to_start_one()
    {
        var root = ProjectHarness.NewFolder();
        var message = Assert.Throws<ProjectException>(() => ProjectLoader.Load(root)).Message;
        Assert.Contains("no dbt_project.yml", message, StringComparison.Ordinal);
        Assert.Contains("greenhouse transform init", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_seeds_tests_and_macros_are_found_under_their_paths_in_path_order()
    {
        var project = Load(
            ("dbt_project.yml", "name: shop\nmodel-paths: [transformations]\n"),
            ("transformations/staging/stg_b.sql", "select 1 as b"),
            ("transformations/staging/stg_a.sql", "select 1 as a"),
            ("transformations/marts/fct.sql", "select 1 as f"),
            ("models/ignored.sql", "select 1"),
            ("seeds/rates.csv", "a\n1\n"),
            ("tests/assert_positive.sql", "select 1 where false"),
            ("tests/generic/is_even.sql", "{% test is_even(model, column_name) %}select 1{% endtest %}"),
            ("macros/cents.sql", "{% macro cents(c) %}{{ c }} / 100{% endmacro %}"));

        Assert.Equal(["transformations/marts/fct.sql", "transformations/staging/stg_a.sql", "transformations/staging/stg_b.sql"], project.Models.Select(m => m.Path));
        Assert.Equal(["staging"], project.Models[1].Folders);
        Assert.Equal("rates", Assert.Single(project.Seeds).Name);
        Assert.Equal("assert_positive", Assert.Single(project.SingularTests).Name);
        Assert.Equal(["is_even", "cents"], project.MacroFiles.SelectMany(f => f.Macros).Select(m => m.Name).Order().Reverse());
    }

    [Fact]
    public void The_older_source_paths_and_data_paths_names_still_work()
    {
        var project = Load(
            ("dbt_project.yml", "name: shop\nsource-paths: [sql]\ndata-paths: [csv]\n"),
            ("sql/a.sql", "select 1"),
            ("csv/b.csv", "x\n1\n"));
        Assert.Equal("a", Assert.Single(project.Models).Name);
        Assert.Equal("b", Assert.Single(project.Seeds).Name);
    }

    [Fact]
    public void A_misspelt_dbt_project_key_is_named_with_its_line_and_a_suggestion()
    {
        var message = LoadError(("dbt_project.yml", "name: shop\nmodel-path: [models]\n"));
        Assert.Equal("dbt_project.yml:2:1: model-path: not a dbt_project.yml key. Did you mean 'model-paths'?", message);
    }

    [Fact]
    public void Hooks_Greenhouse_does_not_run_are_refused_rather_than_ignored()
    {
        var message = LoadError(("dbt_project.yml", "name: shop\non-run-end: [\"grant select on all tables\"]\n"));
        Assert.StartsWith("dbt_project.yml:2:1: on-run-end: Greenhouse does not run on-run-end hooks", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_a_name_is_refused()
    {
        Assert.Equal("dbt_project.yml: name: missing; dbt_project.yml needs the project's name.", LoadError(("dbt_project.yml", "version: '1.0'\n")));
    }

    [Fact]
    public void A_model_path_outside_the_project_is_refused()
    {
        var message = LoadError(("dbt_project.yml", "name: shop\nmodel-paths: ['../elsewhere']\n"));
        Assert.Contains("'../elsewhere' is not a folder inside the project", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_models_with_one_name_in_different_folders_are_refused_naming_both_files()
    {
        var message = LoadError(
            ("dbt_project.yml", "name: shop\n"),
            ("models/a/orders.sql", "select 1"),
            ("models/b/orders.sql", "select 2"));
        Assert.Contains("models/a/orders.sql and models/b/orders.sql", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_the_file_line_and_column()
    {
        var message = LoadError(("dbt_project.yml", "name: shop\nmodels:\n  shop: [unclosed\n"));
        Assert.StartsWith("dbt_project.yml:", message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_files_give_descriptions_columns_tests_and_config()
    {
        var project = Load(
            ("dbt_project.yml", "name: shop\n"),
            ("models/orders.sql", "select 1 as id"),
            ("models/schema.yml", """
                version: 2
                models:
                  - name: orders
                    description: One row per order.
                    config:
                      materialized: table
                      tags: [finance]
                    columns:
                      - name: id
                        description: The order's id.
                        data_tests:
                          - unique
                          - not_null
                      - name: status
                        tests:
                          - accepted_values:
                              values: ['placed', 'shipped']
                sources:
                  - name: stripe
                    freshness:
                      warn_after: {count: 12, period: hour}
                    tables:
                      - name: customers
                        description: Stripe customers.
                      - name: charges
                        identifier: stripe_charges_v2
                        freshness: null
                """));

        var orders = project.ModelProperties["orders"];
        Assert.Equal("One row per order.", orders.Description);
        Assert.Equal("table", orders.Config["materialized"]);
        Assert.Equal(["id", "status"], orders.Columns.Select(c => c.Name));
        Assert.Equal(["unique", "not_null"], orders.Columns[0].Tests.Select(t => t.Definition as string));
        Assert.Equal("models/schema.yml:12:13", orders.Columns[0].Tests[0].Location);
        var stripe = Assert.Single(project.Sources);
        Assert.NotNull(stripe.Freshness);
        Assert.Equal("stripe_charges_v2", stripe.Tables[1].Identifier);
        Assert.True(stripe.Tables[1].FreshnessSet);
        Assert.Null(stripe.Tables[1].Freshness);
        Assert.False(stripe.Tables[0].FreshnessSet);
    }

    [Fact]
    public void A_misspelt_properties_key_is_named_with_its_place()
    {
        var message = LoadError(
            ("dbt_project.yml", "name: shop\n"),
            ("models/orders.sql", "select 1"),
            ("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n    colums: []\n"));
        Assert.Equal("models/schema.yml:4:5: models.orders.colums: not a key dbt reads here. Did you mean 'columns'?", message);
    }

    [Fact]
    public void A_model_described_twice_is_refused_naming_both_files()
    {
        var message = LoadError(
            ("dbt_project.yml", "name: shop\n"),
            ("models/orders.sql", "select 1"),
            ("models/a.yml", "version: 2\nmodels:\n  - name: orders\n"),
            ("models/b.yml", "version: 2\nmodels:\n  - name: orders\n"));
        Assert.Contains("'orders' is described twice (also in models/a.yml)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_of_a_model_that_does_not_exist_are_a_warning()
    {
        var project = Load(("dbt_project.yml", "name: shop\n"), ("models/schema.yml", "version: 2\nmodels:\n  - name: gone\n"));
        Assert.Equal("models/schema.yml: properties for a model 'gone', but there is no models/**/gone.sql.", Assert.Single(project.Warnings));
    }

    [Fact]
    public void Docs_blocks_are_read_from_markdown_files()
    {
        var project = Load(
            ("dbt_project.yml", "name: shop\n"),
            ("models/docs.md", "{% docs order_status %}\nOne of placed, shipped or returned.\n{% enddocs %}\n"));
        Assert.Equal("order_status", Assert.Single(project.Docs).Key);
    }

    [Fact]
    public void Dbt_utils_in_packages_yml_is_built_in_and_other_packages_are_refused()
    {
        Load(("dbt_project.yml", "name: shop\n"), ("packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n"));
        var message = LoadError(("dbt_project.yml", "name: shop\n"), ("packages.yml", "packages:\n  - package: calogica/dbt_expectations\n    version: 0.10.0\n"));
        Assert.Contains("cannot install 'calogica/dbt_expectations'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_tree_applies_folder_configs_most_specific_last()
    {
        var project = Load(("dbt_project.yml", """
            name: shop
            models:
              +tags: [all]
              shop:
                +materialized: view
                marts:
                  +materialized: table
                  +tags: marts
                  finance:
                    +schema: finance
            """));
        var levels = project.ModelConfigs.For(["shop", "marts", "finance", "fct_revenue"]);
        var config = new Dictionary<string, object?>();
        foreach (var level in levels)
        {
            NodeConfig.Merge(config, level);
        }

        Assert.Equal("table", config["materialized"]);
        Assert.Equal("finance", config["schema"]);
        Assert.Equal(["all", "marts"], NodeConfig.Texts(config["tags"]));
    }
}
