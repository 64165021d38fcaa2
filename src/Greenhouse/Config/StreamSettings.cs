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
    IReadOnlyDictionary<string, ColumnType>? Columns = null)
{
    /// <summary>The overrides every stream may set: <c>max_staleness:</c> and <c>schedule:</c>.</summary>
    internal static StreamSettings Read(ConfigSection stream) => new(stream.Duration("max_staleness"), stream.Cron("schedule"));
}
