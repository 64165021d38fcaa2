using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>Each selection method, and the default method of a selector without one, on <see cref="ShopGraph"/>; no tests taken along.</summary>
public sealed class SelectionMethodTests
{
    [Fact]
    public void A_bare_name_selects_the_node_of_that_name() =>
        Assert.Equal(["stg_customers"], Matched("stg_customers"));

    [Fact]
    public void A_package_qualified_name_selects_the_node_at_that_place_in_the_package()
    {
        // dbt matches the parts positionally from the package (is_selected_node): shop.stg_customers names a model
        // directly under models/, so it misses models/staging/stripe/stg_customers.sql, as in dbt-core 1.11
        // (mwojtyczka/databricks-dbt-factory#13 reports exactly this).
        Assert.Equal(["util_months"], Matched("utils.util_months"));
        Assert.Equal(["stg_customers"], Matched("shop.staging.stripe.stg_customers"));
        Assert.Empty(Matched("shop.stg_customers"));
        Assert.Equal(["stg_customers"], Matched("package:shop,stg_customers"));
    }

    [Fact]
    public void A_folder_path_of_the_fqn_selects_everything_under_it_with_or_without_a_wildcard_but_no_sources()
    {
        // dbt-core is_selected_node: the selector's parts are a prefix of the fqn (or of the fqn without its package);
        // the fqn method searches parsed nodes, so the source tables defined in the folder are not among them.
        string[] stripe = ["stg_customers", "stg_subscriptions", "not_null_stg_customers_customer_id", "unique_stg_customers_customer_id", "source_not_null_stripe_customers_id"];
        Assert.Equal(stripe, Matched("staging.stripe"));
        Assert.Equal(stripe, Matched("staging.stripe.*"));
        Assert.Equal(stripe, Matched("shop.staging.stripe"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads", "not_null_stg_customers_customer_id", "unique_stg_customers_customer_id", "source_not_null_stripe_customers_id"],
            Matched("staging.*"));
    }

    [Fact]
    public void A_wildcard_in_an_fqn_matches_across_the_dots_after_it() =>
        // fnmatch's '*' crosses dots: 'marts.*mrr*' is matched against "finance.fct_mrr" (and the equality test's name).
        Assert.Equal(["fct_mrr", "equality_fct_mrr_dim_customers"], Matched("marts.*mrr*"));

    [Fact]
    public void A_package_name_alone_selects_the_package_s_nodes_but_not_its_sources()
    {
        Assert.Equal(["util_months"], Matched("utils"));
        Assert.Equal(Matched("package:utils"), Matched("utils.*"));
        Assert.DoesNotContain("customers", Matched("shop"));
        Assert.Contains("fx_rates", Matched("shop"));
    }

    [Fact]
    public void Fqn_star_selects_every_enabled_node_but_the_sources() =>
        Assert.Equal(Nodes.Where(n => n.Type != Greenhouse.Transform.Project.ManifestNodeType.Source && n.Name != "old_report").Select(n => n.Name),
            Matched("fqn:*"));

    [Fact]
    public void A_value_with_a_slash_is_a_path_and_selects_files_and_source_ymls_under_that_folder()
    {
        string[] stripe = ["customers", "subscriptions", "stg_customers", "stg_subscriptions", "not_null_stg_customers_customer_id", "unique_stg_customers_customer_id", "source_not_null_stripe_customers_id"];
        Assert.Equal(stripe, Matched("models/staging/stripe"));
        Assert.Equal(stripe, Matched("path:models/staging/stripe"));
        Assert.Equal(stripe, Matched("./models/staging/stripe/"));
    }

    [Fact]
    public void A_path_to_a_file_selects_what_is_defined_in_that_file()
    {
        Assert.Equal(["stg_customers"], Matched("models/staging/stripe/stg_customers.sql"));
        Assert.Equal(["threads"], Matched("models/staging/plain/_plain__sources.yml"));
    }

    [Fact]
    public void A_path_to_a_yml_selects_the_tests_defined_in_it_and_the_models_it_describes()
    {
        // dbt-core PathSelectorMethod checks the node's patch_path (the .yml describing it) as well as its own file.
        Assert.Equal(["dim_customers", "relationships_dim_customers_customer_id", "equality_fct_mrr_dim_customers"], Matched("path:models/marts/_marts.yml"));
        Assert.Equal(["stg_customers", "not_null_stg_customers_customer_id", "unique_stg_customers_customer_id"], Matched("models/staging/stripe/_stripe__models.yml"));
        Assert.Equal(["stg_customers", "dim_customers", "relationships_dim_customers_customer_id", "equality_fct_mrr_dim_customers"],
            Matched("path:models/**/_*s.yml,resource_type:model models/marts/_marts.yml"));
    }

    [Fact]
    public void A_path_glob_matches_one_folder_level_per_star_and_any_number_with_two()
    {
        Assert.Equal(["dim_customers"], Matched("path:models/marts/*.sql"));
        Assert.Equal(["fct_mrr"], Matched("path:models/**/fct_*.sql"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads"], Matched("path:models/staging/*/stg_*"));
    }

    [Fact]
    public void A_path_that_names_no_folder_or_file_selects_nothing_and_a_prefix_of_a_name_is_not_a_folder() =>
        Assert.Empty(Matched("models/stag"));

    [Fact]
    public void The_file_method_matches_the_file_name_or_its_stem_and_a_value_ending_in_sql_means_file()
    {
        Assert.Equal(["stg_customers"], Matched("file:stg_customers.sql"));
        Assert.Equal(["stg_customers"], Matched("file:stg_customers"));
        Assert.Equal(["stg_customers"], Matched("stg_customers.sql"));
        Assert.Equal(["fx_rates"], Matched("fx_rates.csv"));
        Assert.Equal(["relationships_dim_customers_customer_id", "equality_fct_mrr_dim_customers"], Matched("file:_marts.yml"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads"], Matched("file:stg_*.sql"));
    }

    [Fact]
    public void The_tag_method_matches_tags_with_wildcards_on_every_kind_of_node()
    {
        Assert.Equal(["fct_mrr", "dim_customers"], Matched("tag:nightly"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads"], Matched("tag:stag*"));
        Assert.Equal(["customers", "subscriptions"], Matched("tag:stripe"));
    }

    [Fact]
    public void The_source_method_selects_a_source_s_tables_one_table_or_all_sources()
    {
        Assert.Equal(["customers", "subscriptions"], Matched("source:stripe"));
        Assert.Equal(["customers"], Matched("source:stripe.customers"));
        Assert.Equal(["threads"], Matched("source:shop.plain.threads"));
        Assert.Equal(["customers", "subscriptions", "threads"], Matched("source:*"));
        Assert.Equal(["subscriptions"], Matched("source:*.sub*"));
    }

    [Fact]
    public void The_resource_type_method_selects_models_seeds_tests_and_sources()
    {
        Assert.Equal(["fx_rates"], Matched("resource_type:seed"));
        Assert.Equal(["customers", "subscriptions", "threads"], Matched("resource_type:source"));
        Assert.Equal(6, Matched("resource_type:test").Length);
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads", "int_mrr", "fct_mrr", "dim_customers", "util_months"], Matched("resource_type:model"));
    }

    [Fact]
    public void A_dbt_resource_type_greenhouse_has_none_of_selects_nothing_with_a_warning()
    {
        var selection = Run("resource_type:snapshot");
        Assert.Empty(selection.Nodes);
        Assert.Equal(["The selection criterion 'resource_type:snapshot' does not match any enabled nodes"], selection.Warnings);
    }

    [Fact]
    public void The_package_method_takes_wildcards_and_includes_the_package_s_sources()
    {
        Assert.Equal(["util_months"], Matched("package:utils"));
        Assert.Equal(["util_months"], Matched("package:ut*"));
        Assert.Contains("customers", Matched("package:shop"));
    }

    [Fact]
    public void The_config_method_compares_a_string_config_exactly()
    {
        Assert.Equal(["dim_customers"], Matched("config.materialized:table"));
        Assert.Equal(["fct_mrr"], Matched("config.schema:finance"));
        Assert.Empty(Matched("config.materialized:Table"));
    }

    [Fact]
    public void The_config_method_matches_a_list_config_that_holds_the_value()
    {
        Assert.Equal(["fct_mrr"], Matched("config.unique_key:month"));
        Assert.Equal(["fct_mrr", "dim_customers"], Matched("config.tags:nightly"));
    }

    [Fact]
    public void The_config_method_descends_into_dictionaries_and_matches_booleans_as_true_or_false_in_any_case()
    {
        Assert.Equal(["fct_mrr"], Matched("config.meta.owner:finance"));
        Assert.Equal(["dim_customers"], Matched("config.meta.contains_pii:true"));
        Assert.Equal(["fct_mrr"], Matched("config.meta.contains_pii:False"));
        Assert.Equal(["dim_customers"], Matched("config.transient:TRUE"));
        Assert.Empty(Matched("config.meta.owner.name:finance"));
    }

    [Fact]
    public void The_config_method_compares_severity_without_case_and_never_matches_a_number()
    {
        // dbt-core ConfigSelectorMethod: a CaseInsensitive selector for ["severity"] only; "5" == 5 is False in Python.
        Assert.Equal(5, Matched("config.severity:error").Length);
        Assert.Equal(["equality_fct_mrr_dim_customers"], Matched("config.severity:WARN"));
        Assert.Empty(Matched("config.batch_size:5"));
    }

    [Fact]
    public void The_test_name_method_selects_generic_tests_by_the_generic_test_s_name()
    {
        Assert.Equal(["not_null_stg_customers_customer_id", "source_not_null_stripe_customers_id"], Matched("test_name:not_null"));
        Assert.Equal(["equality_fct_mrr_dim_customers"], Matched("test_name:equality"));
        Assert.Equal(5, Matched("test_name:*").Length);
    }

    [Fact]
    public void The_test_type_method_tells_generic_tests_from_singular_ones()
    {
        Assert.Equal(["assert_mrr_not_negative"], Matched("test_type:singular"));
        Assert.Equal(["not_null_stg_customers_customer_id", "unique_stg_customers_customer_id", "relationships_dim_customers_customer_id", "source_not_null_stripe_customers_id", "equality_fct_mrr_dim_customers"],
            Matched("test_type:generic"));
        Assert.Equal(Matched("test_type:generic"), Matched("test_type:schema"));
        Assert.Equal(6, Matched("test_type:data").Length);
        Assert.Empty(Matched("test_type:unit"));
    }

    [Fact]
    public void The_group_access_and_version_methods_read_group_access_and_the_absence_of_versions()
    {
        Assert.Equal(["fct_mrr"], Matched("group:finance"));
        Assert.Equal(["dim_customers"], Matched("access:public"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads", "int_mrr", "fct_mrr", "util_months"], Matched("access:protected"));
        Assert.Equal(Matched("resource_type:model"), Matched("version:none"));
        Assert.Empty(Matched("version:latest"));
    }

    [Fact]
    public void Methods_for_resources_greenhouse_has_none_of_select_nothing() =>
        Assert.Empty(Matched("exposure:weekly_kpis metric:* semantic_model:orders saved_query:* unit_test:*"));

    [Fact]
    public void A_disabled_node_is_never_selected()
    {
        Assert.Empty(Matched("old_report"));
        Assert.DoesNotContain("old_report", Matched("fct_mrr+"));
        Assert.DoesNotContain("old_report", Names(null));
    }
}
