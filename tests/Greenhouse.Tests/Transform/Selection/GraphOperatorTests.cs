using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>The graph operators: <c>+x</c>, <c>n+x</c>, <c>x+</c>, <c>x+n</c>, <c>@x</c>, on models and on sources.</summary>
public sealed class GraphOperatorTests
{
    [Fact]
    public void A_leading_plus_adds_every_ancestor_down_to_the_sources_and_seeds() =>
        Assert.Equal(["subscriptions", "fx_rates", "stg_subscriptions", "int_mrr", "fct_mrr"], Matched("+fct_mrr"));

    [Fact]
    public void A_depth_before_the_plus_limits_the_ancestors_to_that_many_steps()
    {
        Assert.Equal(["int_mrr", "fct_mrr"], Matched("1+fct_mrr"));
        Assert.Equal(["fx_rates", "stg_subscriptions", "int_mrr", "fct_mrr"], Matched("2+fct_mrr"));
        Assert.Equal(["fct_mrr"], Matched("0+fct_mrr"));
    }

    [Fact]
    public void A_trailing_plus_adds_every_descendant_tests_included()
    {
        Assert.Equal(["int_mrr", "fct_mrr", "dim_customers", "relationships_dim_customers_customer_id", "assert_mrr_not_negative", "equality_fct_mrr_dim_customers"],
            Matched("int_mrr+"));
    }

    [Fact]
    public void A_depth_after_the_plus_limits_the_descendants_to_that_many_steps()
    {
        Assert.Equal(["int_mrr", "fct_mrr"], Matched("int_mrr+1"));
        Assert.Equal(["int_mrr", "fct_mrr", "dim_customers", "assert_mrr_not_negative", "equality_fct_mrr_dim_customers"], Matched("int_mrr+2"));
    }

    [Fact]
    public void Both_plusses_add_ancestors_and_descendants() =>
        Assert.Equal(["threads", "stg_threads", "dim_customers", "relationships_dim_customers_customer_id", "equality_fct_mrr_dim_customers"],
            Matched("1+stg_threads+"));

    [Fact]
    public void An_at_adds_the_descendants_and_every_ancestor_of_them_so_the_whole_build_of_them_runs()
    {
        // dbt-core graph.py select_childrens_parents: parents of (children | selected), plus those.
        Assert.Equal(
            ["customers", "subscriptions", "threads", "fx_rates", "stg_customers", "stg_subscriptions", "stg_threads", "int_mrr", "fct_mrr", "dim_customers",
             "relationships_dim_customers_customer_id", "assert_mrr_not_negative", "equality_fct_mrr_dim_customers"],
            Matched("@stg_subscriptions"));
    }

    [Fact]
    public void A_plus_after_a_source_selects_everything_that_reads_it()
    {
        Assert.Equal(["threads", "stg_threads", "dim_customers", "relationships_dim_customers_customer_id", "equality_fct_mrr_dim_customers"], Matched("source:plain+"));
        Assert.Equal(["customers", "stg_customers", "source_not_null_stripe_customers_id"], Matched("source:stripe.customers+1"));
    }

    [Fact]
    public void Operators_apply_to_every_node_a_method_matches() =>
        Assert.Equal(["customers", "subscriptions", "threads", "stg_customers", "stg_subscriptions", "stg_threads"], Matched("+tag:staging"));

    [Fact]
    public void A_leading_plus_on_a_test_selects_the_nodes_it_tests() =>
        Assert.Equal(["customers", "stg_customers", "not_null_stg_customers_customer_id"], Matched("+not_null_stg_customers_customer_id"));
}
