using System.Text.Json.Nodes;

namespace Greenhouse.Warehouse;

/// <summary>A stored cursor: one per stream and partition (partition "" when the stream is not partitioned).</summary>
public sealed record StateEntry(string Stream, string Partition, JsonObject Value, DateTimeOffset UpdatedAt, long? RunId);
