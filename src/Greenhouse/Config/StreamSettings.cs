namespace Greenhouse.Config;

/// <summary>Per-stream overrides of a source's settings (<c>streams: {customers: {max_staleness: 1h}}</c>).</summary>
public sealed record StreamSettings(TimeSpan? MaxStaleness = null, string? Schedule = null);
