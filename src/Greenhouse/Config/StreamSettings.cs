using Greenhouse.Sources;

namespace Greenhouse.Config;

/// <summary>
/// Per-stream overrides of a source's settings (<c>streams: {customers: {max_staleness: 1h}}</c>). A connector whose
/// streams come from its config (CSV) also takes each stream's <paramref name="PrimaryKey"/> and declared column types.
/// </summary>
public sealed record StreamSettings(
    TimeSpan? MaxStaleness = null,
    string? Schedule = null,
    string? PrimaryKey = null,
    IReadOnlyDictionary<string, ColumnType>? Columns = null);
