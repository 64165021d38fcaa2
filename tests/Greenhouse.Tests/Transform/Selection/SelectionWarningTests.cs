using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>Selectors that match nothing: not an error, a warning worded as dbt words it.</summary>
public sealed class SelectionWarningTests
{
    [Fact]
    public void A_selector_that_matches_nothing_selects_nothing_with_dbt_s_warning()
    {
        var selection = Run("tag:nighlty");
        Assert.Empty(selection.Nodes);
        Assert.Equal(["The selection criterion 'tag:nighlty' does not match any enabled nodes"], selection.Warnings);
    }

    [Fact]
    public void Each_term_of_a_union_that_matches_nothing_is_warned_about_and_the_others_still_select()
    {
        var selection = Run("fct_mrr tag:nope file:none.sql");
        Assert.Equal(["fct_mrr", "assert_mrr_not_negative", "equality_fct_mrr_dim_customers"], selection.Nodes.Select(n => n.Name));
        Assert.Equal(
            ["The selection criterion 'tag:nope' does not match any enabled nodes", "The selection criterion 'file:none.sql' does not match any enabled nodes"],
            selection.Warnings);
    }

    [Fact]
    public void An_intersection_that_matches_nothing_is_warned_about_as_written() =>
        Assert.Equal(["The selection criterion 'tag:finance,tag:staging' does not match any enabled nodes"], Run("tag:finance,tag:staging").Warnings);

    [Fact]
    public void Selecting_only_a_disabled_node_warns_that_it_matches_no_enabled_node() =>
        Assert.Equal(["The selection criterion 'old_report' does not match any enabled nodes"], Run("old_report").Warnings);

    [Fact]
    public void An_exclude_that_matches_nothing_is_warned_about_too()
    {
        var selection = Run("fct_mrr", "tag:nope");
        Assert.Contains("fct_mrr", selection.Nodes.Select(n => n.Name));
        Assert.Equal(["The selection criterion 'tag:nope' does not match any enabled nodes"], selection.Warnings);
    }

    [Fact]
    public void A_selection_that_matches_is_not_warned_about_even_when_exclude_empties_it()
    {
        var selection = Run("fct_mrr", "fct_mrr+");
        Assert.Empty(selection.Nodes);
        Assert.Empty(selection.Warnings);
    }
}
