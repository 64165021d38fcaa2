using System.Text.Json;

namespace Greenhouse.Sources.Stripe.Streams;

internal static class ChargesStream
{
    private static readonly Func<JsonElement, int> ByStatus = StripeLifecycle.ByStatus(["pending"], ["succeeded", "failed"]);

    public static readonly StripeStreamDefinition Definition = new(
        "charges",
        "Stripe charges: attempts to move money from a card or account",
        "v1/charges",
        "charge",
        [
            new("customer", ColumnType.Text) { References = "customers", Description = "the id of the charged customer, if any" },
            // Removed from charges in 2025-03-31.basil (the invoice's payments name the charge instead): no other path.
            new("invoice", ColumnType.Text) { References = "invoices", Description = "the id of the invoice the charge pays, if any" },
            new("payment_intent", ColumnType.Text) { Description = "the id of the payment intent that made the charge" },
            new("amount", ColumnType.Integer) { Description = "the amount charged, in the currency's minor unit" },
            new("amount_refunded", ColumnType.Integer) { Description = "the amount refunded so far, in the currency's minor unit" },
            new("currency", ColumnType.Text) { Description = "the charge's currency" },
            new("status", ColumnType.Text) { Description = "succeeded, pending or failed" },
            new("paid", ColumnType.Boolean) { Description = "whether the charge succeeded or was authorized to be captured" },
            new("refunded", ColumnType.Boolean) { Description = "whether the charge was refunded in full" },
            new("failure_code", ColumnType.Text) { Description = "the error code of a failed charge" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the charge was created in Stripe" },
        ],
        [
            "charge.succeeded", "charge.failed", "charge.updated", "charge.refunded",
            "charge.captured", "charge.pending", "charge.expired",
        ])
    {
        // pending → succeeded or failed; then captured, then refunded in full: none of them goes back.
        Stage = charge => ByStatus(charge) + StripeLifecycle.Flag(charge, "captured") + StripeLifecycle.Flag(charge, "refunded"),
    };
}
