namespace Greenhouse.Sources.Stripe.Streams;

internal static class InvoicesStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "invoices",
        "Stripe invoices: statements of amounts owed by a customer",
        "v1/invoices",
        "invoice",
        [
            new("customer", ColumnType.Text) { References = "customers", Description = "the id of the billed customer" },
            new("subscription", ColumnType.Text)
            {
                References = "subscriptions",
                Description = "the id of the subscription the invoice was made for, if any",
                FallbackPaths = ["parent.subscription_details.subscription"], // from 2025-03-31.basil
            },
            new("number", ColumnType.Text) { Description = "the invoice number printed on the invoice" },
            new("status", ColumnType.Text) { Description = "draft, open, paid, uncollectible or void" },
            new("currency", ColumnType.Text) { Description = "the invoice's currency" },
            new("amount_due", ColumnType.Integer) { Description = "the amount to be paid, in the currency's minor unit" },
            new("amount_paid", ColumnType.Integer) { Description = "the amount paid so far, in the currency's minor unit" },
            new("amount_remaining", ColumnType.Integer) { Description = "the amount still owed, in the currency's minor unit" },
            new("total", ColumnType.Integer) { Description = "the total after discounts and taxes, in the currency's minor unit" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the invoice was created in Stripe" },
            new("period_start", ColumnType.Timestamp) { Description = "the start of the usage period the invoice covers" },
            new("period_end", ColumnType.Timestamp) { Description = "the end of the usage period the invoice covers" },
            new("paid_at", ColumnType.Timestamp, "status_transitions.paid_at") { Description = "when the invoice was paid" },
        ],
        [
            "invoice.created", "invoice.updated", "invoice.deleted", "invoice.finalized", "invoice.paid",
            "invoice.payment_failed", "invoice.payment_succeeded", "invoice.voided", "invoice.marked_uncollectible",
        ])
    {
        // invoice.deleted: a draft was deleted ("Permanently deletes a one-off invoice draft"); finalized invoices are
        // voided instead (invoice.voided, an update). The deleted draft is gone.
        RemovedBy = ["invoice.deleted"],

        // draft → open → uncollectible → paid or void; paid and void are final.
        Stage = StripeLifecycle.ByStatus(["draft"], ["open"], ["uncollectible"], ["paid", "void"]),
    };
}
