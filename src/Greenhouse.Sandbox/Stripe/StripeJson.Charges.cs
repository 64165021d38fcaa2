using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeJson
{
    private static void WriteCharge(Utf8JsonWriter w, ChargeModel c)
    {
        var p = c.Customer.Person;
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("object", "charge");
        w.WriteNumber("amount", c.Amount);
        w.WriteNumber("amount_captured", c.Succeeded ? c.Amount : 0);
        w.WriteNumber("amount_refunded", c.AmountRefunded);
        w.WriteNull("application");
        w.WriteNull("application_fee");
        w.WriteNull("application_fee_amount");
        Str(w, "balance_transaction", c.BalanceTransaction);
        w.WriteStartObject("billing_details");
        w.WriteStartObject("address");
        w.WriteNull("city");
        w.WriteString("country", p.Country);
        w.WriteNull("line1");
        w.WriteNull("line2");
        w.WriteString("postal_code", p.PostalCode);
        w.WriteNull("state");
        w.WriteEndObject();
        w.WriteString("email", c.Customer.Email);
        w.WriteString("name", p.Name);
        w.WriteNull("phone");
        w.WriteEndObject();
        w.WriteString("calculated_statement_descriptor", "GREENHOUSE DEMO");
        w.WriteBoolean("captured", c.Succeeded);
        w.WriteNumber("created", c.Created);
        w.WriteString("currency", c.Currency);
        w.WriteString("customer", c.Customer.Id);
        Str(w, "description", c.Description);
        w.WriteBoolean("disputed", false);
        w.WriteNull("failure_balance_transaction");
        Str(w, "failure_code", c.FailureCode);
        Str(w, "failure_message", c.FailureMessage);
        EmptyObject(w, "fraud_details");
        Str(w, "invoice", c.Invoice);
        w.WriteBoolean("livemode", false);
        Metadata(w, null);
        w.WriteNull("on_behalf_of");
        w.WriteStartObject("outcome");
        if (c.Succeeded)
        {
            w.WriteString("network_status", "approved_by_network");
            w.WriteNull("reason");
            w.WriteString("risk_level", "normal");
            w.WriteNumber("risk_score", c.RiskScore);
            w.WriteString("seller_message", "Payment complete.");
            w.WriteString("type", "authorized");
        }
        else
        {
            w.WriteString("network_status", "declined_by_network");
            Str(w, "reason", c.DeclineCode);
            w.WriteString("risk_level", "normal");
            w.WriteNumber("risk_score", c.RiskScore);
            w.WriteString("seller_message", "The bank did not return any further details with this decline.");
            w.WriteString("type", "issuer_declined");
        }

        w.WriteEndObject();
        w.WriteBoolean("paid", c.Succeeded);
        Str(w, "payment_intent", c.PaymentIntent);
        Str(w, "payment_method", c.PaymentMethod);
        w.WriteStartObject("payment_method_details");
        w.WriteStartObject("card");
        w.WriteNull("amount_authorized");
        w.WriteString("brand", c.Brand);
        w.WriteStartObject("checks");
        w.WriteNull("address_line1_check");
        w.WriteString("address_postal_code_check", "pass");
        w.WriteString("cvc_check", "pass");
        w.WriteEndObject();
        w.WriteString("country", p.Country);
        w.WriteNumber("exp_month", c.ExpMonth);
        w.WriteNumber("exp_year", c.ExpYear);
        w.WriteString("funding", "credit");
        w.WriteString("last4", c.Last4);
        w.WriteString("network", c.Brand);
        w.WriteEndObject();
        w.WriteString("type", "card");
        w.WriteEndObject();
        w.WriteString("receipt_email", c.Customer.Email);
        w.WriteNull("receipt_number");
        if (c.Succeeded)
        {
            w.WriteString("receipt_url", $"https://pay.stripe.com/receipts/invoices/{c.Id[3..]}?s=ap");
        }
        else
        {
            w.WriteNull("receipt_url");
        }

        w.WriteBoolean("refunded", c.AmountRefunded > 0 && c.AmountRefunded >= c.Amount);
        w.WriteNull("review");
        w.WriteNull("shipping");
        w.WriteNull("source_transfer");
        w.WriteNull("statement_descriptor");
        w.WriteNull("statement_descriptor_suffix");
        w.WriteString("status", c.Succeeded ? "succeeded" : "failed");
        w.WriteNull("transfer_data");
        w.WriteNull("transfer_group");
        w.WriteEndObject();
    }

    private static void WriteRefund(Utf8JsonWriter w, RefundModel r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("object", "refund");
        w.WriteNumber("amount", r.Amount);
        Str(w, "balance_transaction", r.BalanceTransaction);
        w.WriteString("charge", r.Charge.Id);
        w.WriteNumber("created", r.Created);
        w.WriteString("currency", r.Charge.Currency);
        w.WriteStartObject("destination_details");
        w.WriteStartObject("card");
        w.WriteString("reference_status", "pending");
        w.WriteString("reference_type", "acquirer_reference_number");
        w.WriteString("type", "refund");
        w.WriteEndObject();
        w.WriteString("type", "card");
        w.WriteEndObject();
        Metadata(w, null);
        Str(w, "payment_intent", r.Charge.PaymentIntent);
        Str(w, "reason", r.Reason);
        w.WriteNull("receipt_number");
        w.WriteNull("source_transfer_reversal");
        w.WriteString("status", "succeeded");
        w.WriteNull("transfer_reversal");
        w.WriteEndObject();
    }
}
