namespace Greenhouse.Sources.Buttondown.Streams;

/// <summary>
/// Every subscriber of every type (regular, premium, unsubscribed, unactivated, …): <c>GET /v1/subscribers</c>.
/// The current API names the address <c>email_address</c> and the kind <c>type</c> (formerly <c>email</c>, <c>subscriber_type</c>).
/// A subscriber has no modification date; an incremental run lists those created, upgraded, churned, unsubscribed or
/// found undeliverable since the last run's day (minus the lookback): every change of <c>type</c> has one of those dates.
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
            new("upgrade_date", ColumnType.Timestamp),
            new("churn_date", ColumnType.Timestamp),
            new("unsubscription_date", ColumnType.Timestamp),
        ],
        ChangeDateFilters: ["date", "upgrade_date", "churn_date", "unsubscription_date", "undeliverability_date"]);
}
