using System.Text.Json;

namespace Greenhouse.Sources;

/// <summary>
/// One object as the vendor sent it. <paramref name="AsOf"/> is the instant the snapshot describes
/// (the fetch time for a listing, the event's time for an event), so an older snapshot never overwrites a newer one.
/// <paramref name="Deleted"/> marks a deletion (a <c>*.deleted</c> event): the row is soft-deleted.
/// </summary>
public readonly record struct SourceRecord(JsonElement Payload, DateTimeOffset AsOf, bool Deleted = false);
