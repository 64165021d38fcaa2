using Greenhouse.Status;
using Greenhouse.Warehouse;

namespace Greenhouse.Notifications;

/// <summary>
/// A stream's freshness: its last success (or, never having succeeded, its first run), the level it is at against its
/// policy, and its open stale alert.
/// </summary>
internal sealed record StaleStream(string Stream, DateTimeOffset? LastSuccess, DateTimeOffset Reference, FreshnessLevel Level, FreshnessPolicy Policy, AlertRecord? Previous)
{
    /// <summary>Its alert's status in <c>_gh_alerts</c>: <c>stale</c> past warn_after, <c>stale_error</c> past error_after.</summary>
    public string AlertStatus => Level == FreshnessLevel.Error ? "stale_error" : "stale";

    /// <summary>Someone was already told it is stale at this level: a message now is a reminder.</summary>
    public bool Reminder => Previous is { LastNotifiedAt: not null } previous && previous.Status == AlertStatus;
}
