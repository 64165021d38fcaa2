using System.Text.RegularExpressions;
using Greenhouse.Sources;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Sources;

/// <summary>
/// docs/connectors/{type}.md says what the catalog says: its streams table (names, descriptions, typed column names)
/// and one column table per stream under <c>## Columns</c> (names, types and descriptions, in the catalog's order).
/// </summary>
public sealed partial class ConnectorDocsTests
{
    public static TheoryData<string> CataloguedTypes() => [.. BuiltInConnectors.Create().Types.Where(t => BuiltInConnectors.Create()[t].Catalog.Count > 0)];

    [GeneratedRegex(@"^###\s+`(?<stream>[a-z0-9_]+)`\s*$")]
    private static partial Regex StreamHeading();

    [GeneratedRegex(@"[a-z_][a-z0-9_]*")]
    private static partial Regex Identifier();

    [Theory]
    [MemberData(nameof(CataloguedTypes))]
    public void The_streams_table_matches_the_catalog(string type)
    {
        var catalog = BuiltInConnectors.Create()[type].Catalog;
        var lines = Doc(type);
        var table = Table(lines, lines.FindIndex(l => Cells(l) is ["stream", ..]));
        Assert.Equal(catalog.Select(s => s.Name).Order(), table.Select(r => r["stream"].Trim('`')).Order());
        foreach (var row in table)
        {
            var spec = catalog.Single(s => s.Name == row["stream"].Trim('`'));
            Assert.Equal(spec.Description, row["description"]);
            Assert.Equal(spec.Columns.Select(c => c.Name).Order(), ColumnNames(row["typed columns"]).Order());
        }
    }

    [Theory]
    [MemberData(nameof(CataloguedTypes))]
    public void Each_stream_has_a_column_table_that_matches_its_columns(string type)
    {
        var catalog = BuiltInConnectors.Create()[type].Catalog;
        var lines = Doc(type);
        var section = lines.IndexOf("## Columns");
        Assert.True(section >= 0, $"docs/connectors/{type}.md has no '## Columns' section");
        var headings = Enumerable.Range(section, lines.Count - section)
            .TakeWhile(i => i == section || !lines[i].StartsWith("## ", StringComparison.Ordinal))
            .Where(i => StreamHeading().IsMatch(lines[i]))
            .ToDictionary(i => StreamHeading().Match(lines[i]).Groups["stream"].Value);
        Assert.Equal(catalog.Select(s => s.Name), headings.Keys);
        foreach (var spec in catalog)
        {
            var table = Table(lines, lines.FindIndex(headings[spec.Name], l => Cells(l) is ["column", "type", "description"]));
            Assert.Equal(
                spec.Columns.Select(c => $"`{c.Name}` | {c.Type.ToString().ToLowerInvariant()} | {c.Description}"),
                table.Select(r => $"{r["column"]} | {r["type"]} | {r["description"]}"));
        }
    }

    [Fact]
    public void Every_built_in_stream_and_column_has_a_description()
    {
        var connectors = BuiltInConnectors.Create();
        foreach (var spec in connectors.Types.SelectMany(t => connectors[t].Catalog))
        {
            Assert.False(string.IsNullOrWhiteSpace(spec.Description), $"{spec.Name} has no description");
            Assert.All(spec.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"{spec.Name}.{c.Name} has no description"));
        }
    }

    private static List<string> Doc(string type) =>
        [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "connectors", $"{type}.md"))];

    private static string[] Cells(string line) =>
        line.StartsWith('|') ? [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())] : [];

    /// <summary>The rows of the Markdown table whose header is at <paramref name="header"/>, by column name.</summary>
    private static List<Dictionary<string, string>> Table(List<string> lines, int header)
    {
        Assert.True(header >= 0, "table not found");
        var names = Cells(lines[header]);
        return [.. lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => names.Zip(Cells(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>The names in a "typed columns" cell: each comma-separated item's first identifier, notes in parentheses aside.</summary>
    private static List<string> ColumnNames(string cell)
    {
        var items = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= cell.Length; i++)
        {
            if (i == cell.Length || (cell[i] == ',' && depth == 0))
            {
                items.Add(cell[start..i]);
                start = i + 1;
            }
            else if (cell[i] == '(')
            {
                depth++;
            }
            else if (cell[i] == ')')
            {
                depth--;
            }
        }

        return [.. items.Select(item => Identifier().Match(item.Split('(')[0]).Value)];
    }
}
