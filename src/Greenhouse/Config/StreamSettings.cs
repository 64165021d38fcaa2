using Greenhouse.Sources;

namespace Greenhouse.Config;

/// <summary>
/// Per-stream overrides of a source's settings (<c>streams: {customers: {max_staleness: 1h}}</c>; see
/// <see cref="Status.FreshnessPolicy"/>). A connector whose
/// streams come from its config (CSV) also takes each stream's <paramref name="PrimaryKey"/> and declared column types.
/// </summary>
public sealed record StreamSettings(
    Status.FreshnessPolicy? Freshness = null,
    string? Schedule = null,
    string? PrimaryKey = null,
    IReadOnlyDictionary<string, ColumnType>? Columns = null)
{
    /// <summary>The overrides every stream may set: <c>max_staleness:</c> or <c>freshness:</c>, and <c>schedule:</c>.</summary>
    internal static StreamSettings Read(ConfigSection stream) => new(FreshnessConfigReader.Read(stream), stream.Cron("schedule"));
}
