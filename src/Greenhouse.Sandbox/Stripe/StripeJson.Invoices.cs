using System.Globalization;
using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeJson
{
    private static string Money(long amount, string currency)
    {
        var symbol = currency switch { "eur" => "€", "gbp" => "£", _ => "$" };
        return symbol + (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static void WriteInvoice(Utf8JsonWriter w, InvoiceModel i)
    {
        var c = i.Customer;
        var finalized = i.FinalizedAt is not null;
        var remaining = i.Status is "paid" or "void" ? 0 : i.Total - i.AmountPaid;
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("object", "invoice");
        w.WriteString("account_country", "US");
        w.WriteString("account_name", "Greenhouse Demo Co");
        w.WriteNull("account_tax_ids");
        w.WriteNumber("amount_due", i.Total);
        w.WriteNumber("amount_paid", i.AmountPaid);
        w.WriteNumber("amount_remaining", remaining);
        w.WriteNumber("amount_shipping", 0);
        w.WriteNull("application");
        w.WriteNull("application_fee_amount");
        w.WriteNumber("attempt_count", i.AttemptCount);
        w.WriteBoolean("attempted", i.AttemptCount > 0 || i.Status == "paid");
        w.WriteBoolean("auto_advance", i.Status is "draft" or "open");
        AutomaticTax(w, withStatus: true);
        w.WriteString("billing_reason", i.BillingReason);
        Str(w, "charge", i.Charge);
        w.WriteString("collection_method", "charge_automatically");
        w.WriteNumber("created", i.Created);
        w.WriteString("currency", i.Currency);
        w.WriteNull("custom_fields");
        w.WriteString("customer", c.Id);
        if (c.HasAddress)
        {
            w.WriteStartObject("customer_address");
            w.WriteString("city", c.Person.City);
            w.WriteString("country", c.Person.Country);
            w.WriteString("line1", $"{(c.Person.Index % 180) + 1} {c.Person.LastName} Street");
            w.WriteNull("line2");
            w.WriteString("postal_code", c.Person.PostalCode);
            w.WriteNull("state");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("customer_address");
        }

        w.WriteString("customer_email", c.Email);
        w.WriteString("customer_name", c.Person.Name);
        w.WriteNull("customer_phone");
        w.WriteNull("customer_shipping");
        w.WriteString("customer_tax_exempt", "none");
        EmptyArray(w, "customer_tax_ids");
        w.WriteNull("default_payment_method");
        w.WriteNull("default_source");
        EmptyArray(w, "default_tax_rates");
        w.WriteNull("description");
        w.WriteNull("discount");
        w.WriteStartArray("discounts");
        if (i.DiscountId is not null)
        {
            w.WriteStringValue(i.DiscountId);
        }

        w.WriteEndArray();
        w.WriteNull("due_date");
        Num(w, "effective_at", i.FinalizedAt);
        Num(w, "ending_balance", finalized ? 0 : null);
        w.WriteNull("footer");
        w.WriteNull("from_invoice");
        if (finalized)
        {
            w.WriteString("hosted_invoice_url", $"https://invoice.stripe.com/i/{AccountId}/test_{i.Id[3..]}");
            w.WriteString("invoice_pdf", $"https://pay.stripe.com/invoice/{AccountId}/test_{i.Id[3..]}/pdf");
        }
        else
        {
            w.WriteNull("hosted_invoice_url");
            w.WriteNull("invoice_pdf");
        }

        w.WriteStartObject("issuer");
        w.WriteString("type", "self");
        w.WriteEndObject();
        w.WriteNull("last_finalization_error");
        w.WriteNull("latest_revision");
        w.WriteStartObject("lines");
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var line in i.Lines)
        {
            WriteLine(w, i, line);
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", false);
        w.WriteNumber("total_count", i.Lines.Count);
        w.WriteString("url", $"/v1/invoices/{i.Id}/lines");
        w.WriteEndObject();
        w.WriteBoolean("livemode", false);
        Metadata(w, null);
        Num(w, "next_payment_attempt", i.NextPaymentAttempt);
        Str(w, "number", i.Number);
        w.WriteNull("on_behalf_of");
        w.WriteBoolean("paid", i.Status == "paid");
        w.WriteBoolean("paid_out_of_band", false);
        Str(w, "payment_intent", i.PaymentIntent);
        w.WriteStartObject("payment_settings");
        w.WriteNull("default_mandate");
        w.WriteNull("payment_method_options");
        w.WriteNull("payment_method_types");
        w.WriteEndObject();
        w.WriteNumber("period_end", i.PeriodEnd);
        w.WriteNumber("period_start", i.PeriodStart);
        w.WriteNumber("post_payment_credit_notes_amount", 0);
        w.WriteNumber("pre_payment_credit_notes_amount", 0);
        w.WriteNull("quote");
        w.WriteNull("receipt_number");
        w.WriteNull("rendering");
        w.WriteNull("shipping_cost");
        w.WriteNull("shipping_details");
        w.WriteNumber("starting_balance", 0);
        w.WriteNull("statement_descriptor");
        w.WriteString("status", i.Status);
        w.WriteStartObject("status_transitions");
        Num(w, "finalized_at", i.FinalizedAt);
        Num(w, "marked_uncollectible_at", i.MarkedUncollectibleAt);
        Num(w, "paid_at", i.PaidAt);
        Num(w, "voided_at", i.VoidedAt);
        w.WriteEndObject();
        Str(w, "subscription", i.Subscription?.Id);
        w.WriteNull("subscription_details");
        w.WriteNumber("subtotal", i.Subtotal);
        w.WriteNumber("subtotal_excluding_tax", i.Subtotal);
        w.WriteNull("tax");
        w.WriteNull("test_clock");
        w.WriteNumber("total", i.Total);
        w.WriteStartArray("total_discount_amounts");
        if (i.DiscountId is not null)
        {
            w.WriteStartObject();
            w.WriteNumber("amount", i.DiscountAmount);
            w.WriteString("discount", i.DiscountId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("total_excluding_tax", i.Total);
        EmptyArray(w, "total_tax_amounts");
        Num(w, "webhooks_delivered_at", i.Created);
        w.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter w, InvoiceModel i, InvoiceLineModel line)
    {
        var price = line.Price;
        w.WriteStartObject();
        w.WriteString("id", line.Id);
        w.WriteString("object", "line_item");
        w.WriteNumber("amount", line.Amount);
        w.WriteNumber("amount_excluding_tax", line.Amount);
        w.WriteString("currency", i.Currency);
        w.WriteString(
            "description",
            $"{line.Quantity} × {price.ProductName} (at {Money(price.UnitAmount, price.Currency)} / {price.Interval})");
        EmptyArray(w, "discount_amounts");
        w.WriteBoolean("discountable", true);
        EmptyArray(w, "discounts");
        w.WriteString("invoice", i.Id);
        w.WriteBoolean("livemode", false);
        Metadata(w, null);
        w.WriteStartObject("period");
        w.WriteNumber("end", line.PeriodEnd);
        w.WriteNumber("start", line.PeriodStart);
        w.WriteEndObject();
        w.WritePropertyName("price");
        WritePrice(w, price);
        w.WriteBoolean("proration", false);
        w.WriteStartObject("proration_details");
        w.WriteNull("credited_items");
        w.WriteEndObject();
        w.WriteNumber("quantity", line.Quantity);
        Str(w, "subscription", i.Subscription?.Id);
        w.WriteString("subscription_item", line.Item.Id);
        EmptyArray(w, "tax_amounts");
        EmptyArray(w, "tax_rates");
        w.WriteString("type", "subscription");
        w.WriteString("unit_amount_excluding_tax", price.UnitAmount.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}
