using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>Webhook events: the <c>_gh_events</c> table and applying an event's object snapshot to its stream.</summary>
public interface IEventStore
{
    /// <summary>
    /// In one durable transaction (committed with the WAL flushed: an acknowledged event survives a crash): records
    /// <paramref name="webhookEvent"/> in <c>_gh_events</c> unless its (source, id) is already there — then returns
    /// <see cref="EventOutcome.Duplicate"/> and changes nothing — and merges <paramref name="row"/> into
    /// <paramref name="stream"/>'s table by the rules of <see cref="IStreamStore.CommitBatchAsync"/>: an older snapshot
    /// never overwrites a newer one, an unchanged hash is not rewritten, a deleted row soft-deletes a stored one, the
    /// deletion of an id never landed is a no-op; with <see cref="EventApplication.KeepStoredOnTie"/>, a snapshot of the
    /// stored one's instant and other content is <see cref="EventOutcome.Stale"/> instead of written. Without a stream or row, only the event is kept
    /// (<see cref="EventOutcome.Stored"/>). Creates the stream's table first if needed. Safe to call concurrently.
    /// </summary>
    async Task<EventOutcome> ApplyEventAsync(
        WebhookEvent webhookEvent, StreamDescriptor? stream, RecordRow? row, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await ApplyEventsAsync([new EventApplication(webhookEvent, stream, row)], now, cancellationToken))[0];

    /// <summary>
    /// Applies <paramref name="events"/> in ONE durable transaction (one commit, one WAL flush), each by the rules of
    /// <see cref="ApplyEventAsync"/> as if applied one after another in list order: an event id seen earlier in the
    /// list is a <see cref="EventOutcome.Duplicate"/>, and an older snapshot after a newer one of the same object is
    /// <see cref="EventOutcome.Stale"/>. Returns one outcome per event, in order. If it throws, nothing was applied.
    /// </summary>
    Task<IReadOnlyList<EventOutcome>> ApplyEventsAsync(
        IReadOnlyList<EventApplication> events, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshot of <paramref name="id"/> stored in <paramref name="stream"/>'s table, or null when there is none
    /// (what a receiver compares an event with before applying it). Creates the stream's table first if needed.
    /// </summary>
    Task<StoredSnapshot?> ReadSnapshotAsync(StreamDescriptor stream, string id, CancellationToken cancellationToken = default);
}
