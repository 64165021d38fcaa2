namespace Greenhouse.Transform;

/// <summary>A seed's CSV file: a header row naming the columns, then the rows.</summary>
/// <param name="Path">The CSV file's path, as errors name it.</param>
public sealed record SeedFile(string Path)
{
    public char Delimiter { get; init; } = ',';

    /// <summary>Column name → SQL type (dbt's <c>column_types</c>); other columns' types are inferred from their values.</summary>
    public IReadOnlyDictionary<string, string> ColumnTypes { get; init; } = new Dictionary<string, string>();
}
