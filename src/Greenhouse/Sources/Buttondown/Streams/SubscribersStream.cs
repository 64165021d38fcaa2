namespace Greenhouse.Sources.Buttondown.Streams;

/// <summary>
/// Every subscriber of every type (regular, premium, unsubscribed, unactivated, …): <c>GET /v1/subscribers</c>.
/// The current API names the address <c>email_address</c> and the kind <c>type</c> (formerly <c>email</c>, <c>subscriber_type</c>).
/// </summary>
internal static class SubscribersStream
{
    public static readonly ButtondownStreamDefinition Definition = new(
        "subscribers",
        "subscribers",
        [
            new("email", ColumnType.Text, "email_address"),
            new("type", ColumnType.Text),
            new("creation_date", ColumnType.Timestamp),
            new("source", ColumnType.Text),
            new("referrer_url", ColumnType.Text),
        ]);
}
