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
        "Buttondown emails: drafts, scheduled and sent newsletters",
        "emails",
        [
            new("subject", ColumnType.Text) { Description = "the email's subject line" },
            new("status", ColumnType.Text) { Description = "draft, scheduled, sent, …" },
            new("email_type", ColumnType.Text) { Description = "who receives it: public, private, premium, …" },
            new("creation_date", ColumnType.Timestamp) { Indexed = true, Description = "when the email was created" },
            new("publish_date", ColumnType.Timestamp) { Description = "when the email was or will be sent" },
            new("recipients", ColumnType.Integer, "analytics.recipients") { Description = "how many subscribers the email was sent to" },
            new("opens", ColumnType.Integer, "analytics.opens") { Description = "how many times the email was opened" },
            new("clicks", ColumnType.Integer, "analytics.clicks") { Description = "how many times a link in the email was clicked" },
            new("modification_date", ColumnType.Timestamp) { Description = "when the email last changed" },
        ],
        ChangeDateFilters: [],
        ModifiedField: "modification_date");
}
