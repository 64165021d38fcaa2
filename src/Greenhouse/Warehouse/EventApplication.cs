using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>One webhook event to apply, with the stream and row it maps to (both null: the event is only kept).</summary>
public sealed record EventApplication(WebhookEvent Event, StreamDescriptor? Stream, RecordRow? Row)
{
    /// <summary>
    /// A row of the stored snapshot's instant (a tie) but other content does not overwrite it: it is
    /// <see cref="EventOutcome.Stale"/>. Set when a tie could not be settled by reading the object from the vendor,
    /// so the stored row stays rather than the later delivery winning. Otherwise a tie is written (the later write wins).
    /// </summary>
    public bool KeepStoredOnTie { get; init; }
}
