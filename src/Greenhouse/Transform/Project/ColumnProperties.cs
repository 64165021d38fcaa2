namespace Greenhouse.Transform.Project;

/// <summary>A column as a properties file describes it: its description, declared type, tests and meta.</summary>
public sealed record ColumnProperties(string Name)
{
    public string? Description { get; init; }

    public string? DataType { get; init; }

    /// <summary>Quote the name when tests name it (<c>quote: true</c>).</summary>
    public bool Quote { get; init; }

    public IReadOnlyList<PropertyTest> Tests { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Meta { get; init; } = new Dictionary<string, object?>();
}
