namespace Greenhouse.Catalog;

/// <summary>How the catalog tools answer: the modelled schema they list, and the limits on what a query returns.</summary>
public sealed record CatalogOptions
{
    /// <summary>
    /// The schema models are built in (PostgreSQL; SQLite: the table prefix); its <c>{schema}_*</c> custom schemas are
    /// listed too. Null: the config's <c>transform: schema:</c>, else <c>analytics</c>.
    /// </summary>
    public string? ModelSchema { get; init; }

    /// <summary>Rows a query returns unless it asks for another number.</summary>
    public int DefaultMaxRows { get; init; } = 100;

    /// <summary>The most rows a query may ask for.</summary>
    public int MaxRowsLimit { get; init; } = 10_000;

    /// <summary>The most characters of JSON a query's rows may take; rows past it are cut, and the answer says so.</summary>
    public int MaxResultCharacters { get; init; } = 50_000;

    /// <summary>A text value longer than this is cut to it (a raw payload, a long description).</summary>
    public int MaxValueCharacters { get; init; } = 2_000;

    /// <summary>Sample rows <c>describe_table</c> shows.</summary>
    public int SampleRows { get; init; } = 3;

    /// <summary>How long counting the rows of a cut result may take; past it the total is left unknown.</summary>
    public TimeSpan CountTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
