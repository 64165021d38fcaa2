namespace Greenhouse.Transform.Project;

/// <summary>
/// A declared source (<c>sources:</c> in a properties file): a name for a group of landed tables, and what the
/// project says about them. Undeclared landed streams resolve too (see the compiler); declaring adds descriptions,
/// tests and freshness.
/// </summary>
/// <param name="Name">What <c>source('name', …)</c> names.</param>
/// <param name="File">The properties file, relative to the project root.</param>
public sealed record SourceProperties(string Name, string File)
{
    public string? Description { get; init; }

    /// <summary>The schema its tables are in, when it is not the warehouse's raw schema.</summary>
    public string? Schema { get; init; }

    public string? LoadedAtField { get; init; }

    /// <summary>The source's <c>freshness:</c> as written (a template dictionary), the default for its tables; null when none.</summary>
    public object? Freshness { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Meta { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<SourceTableProperties> Tables { get; init; } = [];
}
