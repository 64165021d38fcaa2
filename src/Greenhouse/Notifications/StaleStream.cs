using Greenhouse.Warehouse;

namespace Greenhouse.Notifications;

/// <summary>A stream's freshness: its last success (or, never having succeeded, its first run), its limit, and its open stale alert.</summary>
internal sealed record StaleStream(string Stream, DateTimeOffset? LastSuccess, DateTimeOffset Reference, TimeSpan Limit, AlertRecord? Previous);
