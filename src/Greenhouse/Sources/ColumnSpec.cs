namespace Greenhouse.Sources;

/// <summary>A typed, queryable column extracted from a record's JSON at <paramref name="JsonPath"/> (dot-separated keys).</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, string JsonPath)
{
    public ColumnSpec(string name, ColumnType type) : this(name, type, name) { }

    public string[] PathSegments { get; } = JsonPath.Split('.');

    /// <summary>One line on what the column holds, in the vendor's terms; null or derived when the column comes from the config.</summary>
    public string? Description { get; init; }
}
