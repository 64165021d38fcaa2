using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Greenhouse.Serve.Ui;

/// <summary>One box of the DAG picture: a source, seed or model, the page it links to and how its last build ended.</summary>
/// <param name="Kind">source, seed or model: the box's shape and the column it may sit in.</param>
/// <param name="State">The CSS state: ok, warn, error, skipped or none (never built).</param>
/// <param name="Parents">Ids of the nodes it reads; ids not in the picture are ignored.</param>
public sealed record DagNode(string Id, string Label, string Kind, string Href, string State, string Title, IReadOnlyList<string> Parents);

/// <summary>
/// The transform project's DAG drawn as SVG on the server (no script), laid out here: a node's column is its longest
/// path from a node with no parents (sources and seeds on the left), and within a column nodes are ordered by the
/// mean position of their parents, then of their children, a few sweeps each way (the barycenter heuristic), so edges
/// mostly run straight and cross little. Every box is a link with a tooltip; every label is escaped.
/// </summary>
public static class DagSvg
{
    private const int BoxWidth = 180;
    private const int BoxHeight = 26;
    private const int ColumnGap = 70;
    private const int RowGap = 12;
    private const int Margin = 8;
    private const int MaxLabel = 24;
    private const int Sweeps = 4;

    public static MarkupString Render(IReadOnlyList<DagNode> nodes, string description)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return new MarkupString("");
        }

        var layout = Layout(nodes);
        var width = Margin * 2 + layout.Columns.Count * BoxWidth + (layout.Columns.Count - 1) * ColumnGap;
        var height = Margin * 2 + layout.Columns.Max(c => c.Count) * (BoxHeight + RowGap) - RowGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"dag\"><svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(description)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(description)}</title>");
        foreach (var node in nodes)
        {
            var (x, y) = layout.Positions[node.Id];
            foreach (var parent in node.Parents.Distinct(StringComparer.Ordinal))
            {
                if (layout.Positions.TryGetValue(parent, out var from))
                {
                    var (x1, y1) = (from.X + BoxWidth, from.Y + BoxHeight / 2.0);
                    var (x2, y2) = (x, y + BoxHeight / 2.0);
                    var bend = (x2 - x1) / 2;
                    svg.Append(CultureInfo.InvariantCulture, $"<path class=\"edge\" data-from=\"{E(parent)}\" data-to=\"{E(node.Id)}\" d=\"M{N(x1)},{N(y1)} C{N(x1 + bend)},{N(y1)} {N(x2 - bend)},{N(y2)} {N(x2)},{N(y2)}\"/>");
                }
            }
        }

        foreach (var node in nodes)
        {
            var (x, y) = layout.Positions[node.Id];
            var label = node.Label.Length > MaxLabel ? node.Label[..(MaxLabel - 1)] + "…" : node.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(node.Href)}\" class=\"node {E(node.Kind)} {E(node.State)}\" data-node=\"{E(node.Id)}\" aria-label=\"{E(node.Title)}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{E(node.Title)}</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"{(node.Kind == "source" ? 13 : 4)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + BoxHeight / 2}\" dominant-baseline=\"middle\">{E(label)}</text></a>");
        }

        return new MarkupString(svg.Append("</svg></figure>").ToString());
    }

    /// <summary>Where each node's box goes (its top-left corner), and the nodes of each column in order.</summary>
    internal static (Dictionary<string, (int X, int Y)> Positions, List<List<string>> Columns) Layout(IReadOnlyList<DagNode> nodes)
    {
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var parents = nodes.ToDictionary(n => n.Id, n => n.Parents.Where(byId.ContainsKey).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var children = nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (child, ofChild) in parents)
        {
            foreach (var parent in ofChild)
            {
                children[parent].Add(child);
            }
        }

        // Longest path from a root, in topological order (Kahn); a node on a cycle (a project with one does not compile) keeps column 0.
        var column = nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        var waiting = parents.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        var ready = new Queue<string>(nodes.Where(n => waiting[n.Id] == 0).Select(n => n.Id));
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            foreach (var child in children[id])
            {
                column[child] = Math.Max(column[child], column[id] + 1);
                if (--waiting[child] == 0)
                {
                    ready.Enqueue(child);
                }
            }
        }

        var columns = Enumerable.Range(0, column.Values.Max() + 1).Select(c => nodes.Where(n => column[n.Id] == c)
            .OrderBy(n => n.Kind == "model" ? 1 : 0).ThenBy(n => n.Label, StringComparer.Ordinal).Select(n => n.Id).ToList()).ToList();
        var rank = new Dictionary<string, double>(StringComparer.Ordinal);
        void Rank(List<string> ids)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                rank[ids[i]] = i;
            }
        }

        columns.ForEach(Rank);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var down = sweep % 2 == 0;
            foreach (var c in down ? Enumerable.Range(1, columns.Count - 1) : Enumerable.Range(0, columns.Count - 1).Reverse())
            {
                var neighbours = down ? parents : children;
                columns[c] = [.. columns[c].OrderBy(id => neighbours[id].Count == 0 ? rank[id] : neighbours[id].Average(n => rank[n])).ThenBy(id => rank[id])];
                Rank(columns[c]);
            }
        }

        var positions = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            for (var i = 0; i < columns[c].Count; i++)
            {
                positions[columns[c][i]] = (Margin + c * (BoxWidth + ColumnGap), Margin + i * (BoxHeight + RowGap));
            }
        }

        return (positions, columns);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
