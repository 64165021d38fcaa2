using System.Text.Json;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// One Stripe list endpoint as a stream: its path, the kind of object it lists (<c>object</c>: customer, invoice, …),
/// the typed columns, the event types whose <c>data.object</c> is this kind of object (so incremental runs catch
/// updates to old objects), and extra list parameters (subscriptions need <c>status=all</c>, or canceled ones are left out).
/// </summary>
internal sealed record StripeStreamDefinition(
    string Name,
    string Description,
    string Path,
    string ObjectKind,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> EventTypes,
    string ExtraQuery = "")
{
    /// <summary>Listed by <c>created</c>; updates to older objects come from the events API.</summary>
    public StreamSpec Spec { get; } = new(Name, "id", Columns, Cursor: "created", Description);

    /// <summary>
    /// The event types after which the object no longer exists in Stripe (retrieving it answers 404 or a
    /// <c>deleted: true</c> stub): their snapshot soft-deletes the row. Every other event, a <c>*.deleted</c> one
    /// included, carries the object as it now is (<c>customer.subscription.deleted</c>: the subscription ended).
    /// </summary>
    public IReadOnlyList<string> RemovedBy { get; init; } = [];

    /// <summary>
    /// For an object whose lifecycle only moves forward, how far along a snapshot is (0 upwards, below 999): it orders
    /// snapshots of the same second (see <see cref="StripeLifecycle"/>). Null: same-second snapshots tie.
    /// </summary>
    public Func<JsonElement, int>? Stage { get; init; }

    public StreamDescriptor Descriptor(string source) => new(source, Spec);

    /// <summary>A snapshot of this stream taken at <paramref name="at"/>, as the warehouse orders it.</summary>
    public SourceRecord Record(JsonElement snapshot, DateTimeOffset at) => new(snapshot, StripeLifecycle.AsOf(Stage, snapshot, at));

    /// <summary>The snapshot <paramref name="stripeEvent"/> carries: as of the event's time, soft-deleting when its type removes the object.</summary>
    public SourceRecord Record(StripeEvent stripeEvent)
    {
        var removal = RemovedBy.Contains(stripeEvent.Type);
        return new(stripeEvent.Object, StripeLifecycle.AsOf(Stage, stripeEvent.Object, stripeEvent.Created, removal), removal);
    }

    /// <summary>
    /// Why this stream does not land <paramref name="stripeEvent"/> (its type is not one of <see cref="EventTypes"/>, or its
    /// <c>data.object</c> is not a <see cref="ObjectKind"/>), or null when it does.
    /// </summary>
    public string? Refuses(StripeEvent stripeEvent) =>
        !EventTypes.Contains(stripeEvent.Type) ? $"its type {stripeEvent.Type} is not one of the {Name} stream's event types"
        : stripeEvent.ObjectKind != ObjectKind ? $"its data.object.object is {(stripeEvent.ObjectKind is { } kind ? $"'{kind}'" : "missing")}, not '{ObjectKind}'"
        : null;
}
