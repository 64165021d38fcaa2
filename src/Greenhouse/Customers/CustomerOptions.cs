namespace Greenhouse.Customers;

/// <summary>Where a customer lookup finds its identity model, and the limits on what one answer holds.</summary>
public sealed record CustomerOptions
{
    /// <summary>The schema the identity model is built in; null: the config's <c>transform: schema:</c>, else <c>analytics</c>.</summary>
    public string? ModelSchema { get; init; }

    /// <summary>The most rows one section (a person's invoices, their threads) holds; past it the answer's notes say so.</summary>
    public int MaxRowsPerSection { get; init; } = 100;

    /// <summary>The most candidates an ambiguous search lists.</summary>
    public int MaxCandidates { get; init; } = 20;

    /// <summary>A text value longer than this is cut (an issue's long description).</summary>
    public int MaxValueCharacters { get; init; } = 1_000;

    /// <summary>How long each read may run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
