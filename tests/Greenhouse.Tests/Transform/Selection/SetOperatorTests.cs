using Greenhouse.Transform.Project;
using Greenhouse.Transform.Selection;
using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>Space (union), comma (intersection), <c>--exclude</c>, the default selection, and the order of the result.</summary>
public sealed class SetOperatorTests
{
    [Fact]
    public void Selectors_separated_by_spaces_or_given_as_separate_arguments_are_a_union()
    {
        var selector = new NodeSelector(Nodes);
        Assert.Equal(["stg_customers", "stg_threads"], Matched("stg_customers stg_threads"));
        Assert.Equal(["model.shop.stg_customers", "model.shop.stg_threads"],
            selector.Select(["stg_threads", "stg_customers"], indirectSelection: IndirectSelection.Empty).UniqueIds);
        Assert.Equal(["stg_customers", "stg_threads"], Matched("  stg_customers   stg_threads "));
    }

    [Fact]
    public void Selectors_joined_by_commas_are_an_intersection()
    {
        Assert.Equal(["dim_customers"], Matched("tag:nightly,config.materialized:table"));
        Assert.Equal(["stg_customers", "stg_subscriptions", "stg_threads"], Matched("+dim_customers,tag:staging"));
        Assert.Equal(["stg_customers", "stg_threads"], Matched("1+dim_customers,tag:staging"));
        Assert.Equal(["fct_mrr"], Matched("tag:nightly,+fct_mrr,marts.*"));
    }

    [Fact]
    public void Intersections_and_unions_combine_in_one_argument() =>
        Assert.Equal(["fx_rates", "dim_customers"], Matched("tag:nightly,config.materialized:table resource_type:seed"));

    [Fact]
    public void The_result_keeps_the_manifest_s_order_whatever_the_order_of_the_selectors() =>
        Assert.Equal(["fct_mrr", "dim_customers"], Matched("dim_customers fct_mrr"));

    [Fact]
    public void Exclude_removes_what_it_selects_after_the_selection() =>
        Assert.Equal(["stg_customers", "stg_subscriptions"], Names("tag:staging", "stg_threads", IndirectSelection.Empty));

    [Fact]
    public void Exclude_takes_the_same_syntax_unions_intersections_and_operators() =>
        Assert.Equal(["stg_customers"], Names("tag:staging", "stg_threads +int_mrr", IndirectSelection.Empty));

    [Fact]
    public void Excluding_a_node_drops_the_tests_on_it_when_selection_is_eager()
    {
        // The excluded union is expanded with the tests on what it matches, as the included one is (dbt-core cli.py
        // parse_difference gives both the same indirect_selection).
        Assert.Equal(["stg_customers", "not_null_stg_customers_customer_id", "unique_stg_customers_customer_id"],
            Names("stg_customers+", "dim_customers"));
    }

    [Fact]
    public void Excluding_tests_by_a_method_keeps_the_models_they_test() =>
        Assert.Equal(["stg_customers", "not_null_stg_customers_customer_id", "relationships_dim_customers_customer_id"],
            Names("stg_customers", "test_name:unique"));

    [Fact]
    public void No_select_or_a_blank_one_selects_every_enabled_node()
    {
        var everything = Nodes.Where(n => n.Name != "old_report").Select(n => n.Name).ToArray();
        Assert.Equal(everything, Names(null));
        Assert.Equal(everything, Names("   "));
        Assert.Equal(everything, new NodeSelector(Nodes).Select([]).Nodes.Select(n => n.Name));
        Assert.Empty(Run(null).Warnings);
    }

    [Fact]
    public void Exclude_applies_to_the_default_selection_too() =>
        Assert.Equal(["customers", "subscriptions", "threads"], Names(null, "fqn:*"));

    [Fact]
    public void Resource_types_keep_only_nodes_of_those_types_after_selecting()
    {
        var run = new NodeSelector(Nodes).Select(["+fct_mrr"], resourceTypes: [ManifestNodeType.Model]);
        Assert.Equal(["stg_subscriptions", "int_mrr", "fct_mrr"], run.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void A_manifest_that_lists_a_unique_id_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => new NodeSelector([Nodes[4], Nodes[4]]));
}
