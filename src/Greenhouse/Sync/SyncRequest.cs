namespace Greenhouse.Sync;

/// <summary>What to sync: everything, one source, or some streams (<c>stripe.customers</c>), and how.</summary>
public sealed record SyncRequest(
    IReadOnlyList<string>? Sources = null,
    IReadOnlyList<string>? Streams = null,
    bool FullRefresh = false,
    DateTimeOffset? Since = null,
    string Trigger = "cli");
