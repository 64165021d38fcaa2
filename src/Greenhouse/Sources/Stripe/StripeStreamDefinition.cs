namespace Greenhouse.Sources.Stripe;

/// <summary>
/// One Stripe list endpoint as a stream: its path, the typed columns, the event types whose
/// <c>data.object</c> is this kind of object (so incremental runs catch updates to old objects),
/// and extra list parameters (subscriptions need <c>status=all</c>, or canceled ones are left out).
/// </summary>
internal sealed record StripeStreamDefinition(
    string Name,
    string Path,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> EventTypes,
    string ExtraQuery = "")
{
    public StreamDescriptor Descriptor(string source) => new(source, Name, "id", Columns);
}
