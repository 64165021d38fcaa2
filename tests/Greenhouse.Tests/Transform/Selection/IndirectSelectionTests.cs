using Greenhouse.Transform.Selection;
using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>
/// Which tests a selection takes along (<c>--indirect-selection</c>). The cases follow dbt-core's
/// <c>NodeSelector.expand_selection</c> and <c>incorporate_indirect_nodes</c> (core/dbt/graph/selector.py).
/// </summary>
public sealed class IndirectSelectionTests
{
    private const string NotNull = "not_null_stg_customers_customer_id";
    private const string Unique = "unique_stg_customers_customer_id";
    private const string Relationships = "relationships_dim_customers_customer_id";
    private const string Equality = "equality_fct_mrr_dim_customers";

    [Fact]
    public void Eager_selection_takes_every_test_that_reads_a_selected_node()
    {
        Assert.Equal(["stg_customers", NotNull, Unique, Relationships], Names("stg_customers"));
        Assert.Equal(["dim_customers", Relationships, Equality], Names("dim_customers"));
    }

    [Fact]
    public void Eager_selection_takes_the_tests_on_a_selected_source() =>
        Assert.Equal(["customers", "source_not_null_stripe_customers_id"], Names("source:stripe.customers"));

    [Fact]
    public void Cautious_selection_takes_a_test_only_when_every_node_it_reads_is_selected()
    {
        Assert.Equal(["stg_customers", NotNull, Unique], Names("stg_customers", mode: IndirectSelection.Cautious));
        Assert.Equal(["dim_customers"], Names("dim_customers", mode: IndirectSelection.Cautious));
    }

    [Fact]
    public void Cautious_selection_takes_a_test_whose_nodes_different_selectors_selected() =>
        // Each selector leaves the relationships test pending; the union incorporates it once both models are in.
        Assert.Equal(["stg_customers", "dim_customers", NotNull, Unique, Relationships],
            Names("dim_customers stg_customers", mode: IndirectSelection.Cautious));

    [Fact]
    public void Buildable_selection_also_takes_a_test_whose_other_nodes_are_upstream_of_the_selection()
    {
        // stg_customers and fct_mrr are ancestors of dim_customers, so both its tests can be built.
        Assert.Equal(["dim_customers", Relationships, Equality], Names("dim_customers", mode: IndirectSelection.Buildable));
        // dim_customers is downstream of stg_customers: the relationships test is not buildable from it.
        Assert.Equal(["stg_customers", NotNull, Unique], Names("stg_customers", mode: IndirectSelection.Buildable));
    }

    [Fact]
    public void Empty_selection_takes_no_test_along_but_keeps_tests_a_selector_matches()
    {
        Assert.Equal(["dim_customers"], Names("dim_customers", mode: IndirectSelection.Empty));
        Assert.Equal(["dim_customers", Relationships, Equality], Names("dim_customers+", mode: IndirectSelection.Empty));
        Assert.Equal([Unique], Names("test_name:unique", mode: IndirectSelection.Empty));
    }

    [Fact]
    public void A_test_a_selector_matches_itself_is_selected_in_every_mode()
    {
        foreach (var mode in Enum.GetValues<IndirectSelection>())
        {
            Assert.Equal([Relationships], Names("test_name:relationships", mode: mode));
        }
    }

    [Fact]
    public void Cautious_exclusion_drops_only_the_tests_whose_every_node_is_excluded()
    {
        // dbt's exclusion is expanded with the same mode: cautiously, excluding dim_customers excludes no test
        // (each also reads another node), so the tests stg_customers+ reached are kept. Eagerly, both go.
        Assert.Equal(["stg_customers", NotNull, Unique, Relationships, Equality],
            Names("stg_customers+", "dim_customers", IndirectSelection.Cautious));
        Assert.Equal(["stg_customers", NotNull, Unique], Names("stg_customers+", "dim_customers"));
    }

    [Fact]
    public void Intersections_take_tests_along_before_intersecting() =>
        // Eagerly, each side of the intersection holds the equality test (it reads fct_mrr and dim_customers).
        Assert.Equal([Equality], Names("fct_mrr,dim_customers"));
}
