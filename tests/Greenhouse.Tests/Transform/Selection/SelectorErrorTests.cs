using Greenhouse.Transform.Selection;
using static Greenhouse.Tests.Transform.Selection.ShopGraph;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>Malformed selectors: refused with a message that names the selector, the option, and what to write.</summary>
public sealed class SelectorErrorTests
{
    private static SelectionException Refused(string select, string? exclude = null) =>
        Assert.Throws<SelectionException>(() => Run(select, exclude));

    [Fact]
    public void A_config_method_without_a_key_is_refused_with_an_example()
    {
        foreach (var selector in new[] { "config.:table", "config:table", "config..materialized:table" })
        {
            var error = Refused(selector);
            Assert.Equal(selector, error.Selector);
            Assert.Equal(
                $"Invalid selector '{selector}' in --select: config needs the config key to compare after a dot, as in 'config.materialized:table' or 'config.meta.owner:finance'.",
                error.Message);
        }
    }

    [Fact]
    public void An_unknown_method_is_refused_listing_the_methods()
    {
        var error = Refused("colour:red");
        Assert.StartsWith("Invalid selector 'colour:red' in --select: 'colour' is not a selection method; use one of fqn, tag, source, path, file, package, config.<key>, resource_type,", error.Message);
        Assert.Contains("or no method for a name or path (stg_customers, staging.*, models/staging).", error.Message);
        Assert.DoesNotContain("Did you mean", error.Message);
    }

    [Fact]
    public void A_misspelt_method_is_refused_with_the_method_it_is_near()
    {
        Assert.EndsWith("Did you mean 'tag'?", Refused("tga:nightly").Message);
        Assert.EndsWith("Did you mean 'resource_type'?", Refused("resource_typ:model").Message);
        Assert.EndsWith("Did you mean 'source'?", Refused("sources:stripe+").Message);
    }

    [Fact]
    public void A_graph_operator_with_nothing_to_apply_it_to_is_refused()
    {
        foreach (var selector in new[] { "2+", "+", "@", "@+" })
        {
            Assert.Equal(
                $"Invalid selector '{selector}' in --select: it has a graph operator but no node to apply it to; write a selector with it, as in '2+stg_customers', 'stg_customers+3' or '@stg_customers'.",
                Refused(selector).Message);
        }
    }

    [Fact]
    public void A_method_without_a_value_is_refused_with_an_example() =>
        Assert.Equal("Invalid selector 'tag:' in --select: it gives no value after 'tag:'; write one, as in 'tag:nightly'.", Refused("tag:").Message);

    [Fact]
    public void An_at_with_a_trailing_plus_is_refused() =>
        Assert.Equal(
            "Invalid selector '@fct_mrr+' in --select: '@' and a trailing '+' cannot be combined: '@fct_mrr' already selects fct_mrr's descendants and all their ancestors; write '@fct_mrr' or 'fct_mrr+'.",
            Refused("@fct_mrr+").Message);

    [Fact]
    public void An_unknown_resource_or_test_type_is_refused_with_the_nearest_one()
    {
        Assert.Equal("Invalid selector 'resource_type:modle' in --select: 'modle' is not a resource type; use model, seed, test or source. Did you mean 'model'?",
            Refused("resource_type:modle").Message);
        Assert.Equal("Invalid selector 'test_type:generc' in --select: 'generc' is not a test type; use generic, singular, data (both) or unit. Did you mean 'generic'?",
            Refused("test_type:generc").Message);
        Assert.Contains("is not a version selector; use latest, prerelease, old or none.", Refused("version:newest").Message);
    }

    [Fact]
    public void A_source_selector_of_more_than_three_parts_is_refused_with_its_forms() =>
        Assert.Equal(
            "Invalid selector 'source:shop.stripe.customers.id' in --select: a source is selected as 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'.",
            Refused("source:shop.stripe.customers.id").Message);

    [Fact]
    public void A_key_after_a_method_other_than_config_is_refused() =>
        Assert.Equal("Invalid selector 'tag.owner:finance' in --select: only config takes a key after a dot (config.materialized:table); write 'tag:' without '.owner'.",
            Refused("tag.owner:finance").Message);

    [Fact]
    public void State_methods_are_refused_as_needing_artifacts_greenhouse_does_not_keep()
    {
        Assert.Contains("'state:' compares with a previous run's artifacts (dbt's --state), which Greenhouse does not keep", Refused("state:modified+").Message);
        Assert.Contains("'result:'", Refused("result:error").Message);
        Assert.Contains("selectors.yml", Refused("selector:nightly").Message);
    }

    [Fact]
    public void An_empty_part_of_an_intersection_is_refused()
    {
        Assert.Equal(
            "Invalid selector 'tag:nightly,' in --select: it has an empty part: an intersection is selectors joined by commas without spaces, as in 'tag:nightly,config.materialized:table'.",
            Refused("tag:nightly,").Message);
        Assert.Equal(",fct_mrr", Refused(",fct_mrr").Selector);
    }

    [Fact]
    public void A_wildcard_set_that_does_not_read_is_refused() =>
        Assert.Equal("Invalid selector 'tag:[z-a]*' in --select: '[z-a]*' is not a wildcard pattern: a range in [...] runs backwards; wildcards are *, ?, [abc], [a-z] and [!abc].",
            Refused("tag:[z-a]*").Message);

    [Fact]
    public void An_absolute_path_is_refused() =>
        Assert.Equal("Invalid selector 'path:/etc/models' in --select: a path is relative to the project root, as in 'models/staging' or 'path:models/marts/*.sql'; '/etc/models' is not.",
            Refused("path:/etc/models").Message);

    [Fact]
    public void A_depth_too_large_to_count_is_refused() =>
        Assert.Contains("the depth 99999999999 is too large", Refused("99999999999+fct_mrr").Message);

    [Fact]
    public void A_bad_exclude_is_named_as_the_exclude_and_refused_even_after_good_selectors() =>
        Assert.StartsWith("Invalid selector 'tga:x' in --exclude:", Refused("fct_mrr tag:nightly", "fct_mrr tga:x").Message);
}
