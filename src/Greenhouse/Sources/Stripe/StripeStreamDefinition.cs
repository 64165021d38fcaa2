namespace Greenhouse.Sources.Stripe;

/// <summary>
/// One Stripe list endpoint as a stream: its path, the typed columns, the event types whose
/// <c>data.object</c> is this kind of object (so incremental runs catch updates to old objects),
/// and extra list parameters (subscriptions need <c>status=all</c>, or canceled ones are left out).
/// </summary>
internal sealed record StripeStreamDefinition(
    string Name,
    string Description,
    string Path,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> EventTypes,
    string ExtraQuery = "")
{
    /// <summary>Listed by <c>created</c>; updates to older objects come from the events API.</summary>
    public StreamSpec Spec { get; } = new(Name, "id", Columns, Cursor: "created", Description);

    public StreamDescriptor Descriptor(string source) => new(source, Spec);
}
