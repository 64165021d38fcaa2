using System.Text.Json.Nodes;

namespace Greenhouse.Catalog;

/// <summary>One offending row of a check: its key, its columns, and when it was first and last seen failing.</summary>
public sealed record OpenCheckRow(string Key, JsonNode? Row, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
