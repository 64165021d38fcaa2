using Greenhouse.Serve.Ui;

namespace Greenhouse.Tests.Ui;

/// <summary>The DAG picture's layout: columns by longest path, rows ordered so edges do not cross, labels escaped.</summary>
public sealed class DagSvgTests
{
    private static DagNode Node(string id, params string[] parents) => new(id, id, parents.Length == 0 ? "source" : "model", $"/models/{id}", "ok", id, parents);

    [Fact]
    public void A_node_sits_one_column_right_of_its_furthest_parent_and_rows_follow_their_parents()
    {
        // b_end reads a_src; a_end reads b_src: alphabetical rows would cross, barycenter ordering must not.
        var nodes = new[] { Node("a_src"), Node("b_src"), Node("a_end", "b_src"), Node("b_end", "a_src"), Node("late", "a_src", "a_end") };

        var (positions, columns) = DagSvg.Layout(nodes);

        Assert.Equal(["a_src", "b_src"], columns[0].Order(StringComparer.Ordinal));
        Assert.Equal(3, columns.Count);
        Assert.Equal(["late"], columns[2]);
        Assert.True(positions["b_end"].X == positions["a_end"].X && positions["late"].X > positions["a_end"].X);
        // No crossing: the end whose parent is higher is higher too.
        Assert.Equal(positions["a_src"].Y < positions["b_src"].Y, positions["b_end"].Y < positions["a_end"].Y);
    }

    [Fact]
    public void Labels_and_links_are_escaped_and_a_parent_outside_the_picture_is_ignored()
    {
        var svg = DagSvg.Render([new DagNode("model.x.<b>", "<script>alert(1)</script>", "model", "/models/a\"b", "error", "t<i>", ["source.gone"])], "desc & more").Value;

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("href=\"/models/a&quot;b\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"desc &amp; more\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"edge\"", svg, StringComparison.Ordinal);
    }
}
