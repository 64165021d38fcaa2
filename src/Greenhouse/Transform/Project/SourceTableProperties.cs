namespace Greenhouse.Transform.Project;

/// <summary>A table of a declared source: its name, the table it is in the warehouse, and what the project says about it.</summary>
/// <param name="Name">What <c>source(…, 'name')</c> names.</param>
public sealed record SourceTableProperties(string Name)
{
    /// <summary>The table's name in the warehouse when it differs from <see cref="Name"/>.</summary>
    public string? Identifier { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ColumnProperties> Columns { get; init; } = [];

    public IReadOnlyList<PropertyTest> Tests { get; init; } = [];

    /// <summary>The table's <c>freshness:</c> as written; <c>null</c> written out turns the source's off (see <see cref="FreshnessSet"/>).</summary>
    public object? Freshness { get; init; }

    /// <summary>Whether the table says <c>freshness:</c> at all (so an explicit <c>null</c> is told from none).</summary>
    public bool FreshnessSet { get; init; }

    public string? LoadedAtField { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
}
