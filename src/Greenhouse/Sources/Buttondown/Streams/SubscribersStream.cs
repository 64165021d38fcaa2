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
        "Buttondown subscribers of every type, unsubscribed ones included",
        "subscribers",
        [
            new("email", ColumnType.Text, "email_address") { Indexed = true, CaseInsensitive = true, Description = "the subscriber's email address" },
            new("type", ColumnType.Text) { Description = "regular, premium, unsubscribed, unactivated, churned, …" },
            new("creation_date", ColumnType.Timestamp) { Indexed = true, Description = "when the subscriber signed up" },
            new("source", ColumnType.Text) { Description = "where the subscriber came from, as Buttondown records it" },
            new("referrer_url", ColumnType.Text) { Description = "the page the subscriber signed up from" },
            new("upgrade_date", ColumnType.Timestamp) { Description = "when the subscriber became premium" },
            new("churn_date", ColumnType.Timestamp) { Description = "when the subscriber stopped paying" },
            new("unsubscription_date", ColumnType.Timestamp) { Description = "when the subscriber unsubscribed" },
        ],
        ChangeDateFilters: ["date", "upgrade_date", "churn_date", "unsubscription_date", "undeliverability_date"]);
}
