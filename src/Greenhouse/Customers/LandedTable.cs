using Greenhouse.Sources;

namespace Greenhouse.Customers;

/// <summary>A configured stream whose table is there (synced at least once): how SQL names it and which columns it has.</summary>
internal sealed record LandedTable(StreamDescriptor Stream, string Sql, IReadOnlySet<string> Columns)
{
    public string Name => Stream.FullName;

    /// <summary>The key and the typed columns the table has (never <c>_gh_raw</c>), in the stream's order.</summary>
    public IEnumerable<string> SelectedColumns =>
        new[] { StreamDescriptor.KeyColumn }.Concat(Stream.Columns.Select(c => c.Name).Where(Columns.Contains));
}
