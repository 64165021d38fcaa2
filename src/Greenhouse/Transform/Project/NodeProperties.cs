namespace Greenhouse.Transform.Project;

/// <summary>
/// A model, seed or singular test as a properties file (<c>models/**/*.yml</c>) describes it: description, columns,
/// tests and the <c>config:</c> that is merged between dbt_project.yml's and the file's own.
/// </summary>
/// <param name="Name">The node it describes.</param>
/// <param name="File">The properties file, relative to the project root.</param>
public sealed record NodeProperties(string Name, string File)
{
    public string? Description { get; init; }

    public IReadOnlyList<ColumnProperties> Columns { get; init; } = [];

    /// <summary>Tests of the whole node (<c>tests:</c>/<c>data_tests:</c> beside <c>columns:</c>).</summary>
    public IReadOnlyList<PropertyTest> Tests { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    /// <summary>A model's <c>versions:</c>, in file order; empty for an unversioned model (and every seed and test).</summary>
    public IReadOnlyList<ModelVersion> Versions { get; init; } = [];

    /// <summary>
    /// A versioned model's latest version: <c>latest_version:</c>, else the greatest <c>v</c> (numerically when all are
    /// numbers, else the alphabetically last). <c>ref('m')</c> without a version resolves to it. Null when unversioned.
    /// </summary>
    public string? LatestVersion { get; init; }
}
