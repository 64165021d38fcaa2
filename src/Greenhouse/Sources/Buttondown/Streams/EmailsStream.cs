namespace Greenhouse.Sources.Buttondown.Streams;

/// <summary>
/// Every email (drafts, scheduled and sent): <c>GET /v1/emails</c>, with its analytics counts when the API gives them.
/// Listed newest-modified first (<c>ordering=-modification_date</c>), so an incremental run stops at the first email
/// modified before the cursor minus the lookback.
/// </summary>
internal static class EmailsStream
{
    public static readonly ButtondownStreamDefinition Definition = new(
        "emails",
        "emails",
        [
            new("subject", ColumnType.Text),
            new("status", ColumnType.Text),
            new("email_type", ColumnType.Text),
            new("creation_date", ColumnType.Timestamp),
            new("publish_date", ColumnType.Timestamp),
            new("recipients", ColumnType.Integer, "analytics.recipients"),
            new("opens", ColumnType.Integer, "analytics.opens"),
            new("clicks", ColumnType.Integer, "analytics.clicks"),
            new("modification_date", ColumnType.Timestamp),
        ],
        ChangeDateFilters: [],
        ModifiedField: "modification_date");
}
