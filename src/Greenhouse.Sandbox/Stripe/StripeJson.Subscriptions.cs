using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeJson
{
    private static void WriteDiscount(Utf8JsonWriter w, SubscriptionModel s)
    {
        w.WriteStartObject("discount");
        w.WriteString("id", s.DiscountId);
        w.WriteString("object", "discount");
        w.WriteNull("checkout_session");
        w.WritePropertyName("coupon");
        WriteCoupon(w, s.Coupon!);
        w.WriteString("customer", s.Customer.Id);
        Num(w, "end", s.DiscountEnd);
        w.WriteNull("invoice");
        w.WriteNull("invoice_item");
        w.WriteNull("promotion_code");
        w.WriteNumber("start", s.DiscountStart);
        w.WriteString("subscription", s.Id);
        w.WriteNull("subscription_item");
        w.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter w, SubscriptionModel s, List<ItemModel> items)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("id", item.Id);
            w.WriteString("object", "subscription_item");
            w.WriteNull("billing_thresholds");
            w.WriteNumber("created", item.Created);
            EmptyArray(w, "discounts");
            Metadata(w, null);
            w.WritePropertyName("price");
            WritePrice(w, item.Price);
            w.WriteNumber("quantity", item.Quantity);
            w.WriteString("subscription", s.Id);
            EmptyArray(w, "tax_rates");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", false);
        w.WriteNumber("total_count", items.Count);
        w.WriteString("url", "/v1/subscription_items?subscription=" + s.Id);
        w.WriteEndObject();
    }

    private static void WriteSubscription(Utf8JsonWriter w, SubscriptionModel s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("object", "subscription");
        w.WriteNull("application");
        w.WriteNull("application_fee_percent");
        AutomaticTax(w, withStatus: false);
        w.WriteNumber("billing_cycle_anchor", s.BillingCycleAnchor);
        w.WriteNull("billing_thresholds");
        Num(w, "cancel_at", s.CancelAt);
        w.WriteBoolean("cancel_at_period_end", s.CancelAtPeriodEnd);
        Num(w, "canceled_at", s.CanceledAt);
        w.WriteStartObject("cancellation_details");
        w.WriteNull("comment");
        w.WriteNull("feedback");
        Str(w, "reason", s.CancellationReason);
        w.WriteEndObject();
        w.WriteString("collection_method", "charge_automatically");
        w.WriteNumber("created", s.Created);
        w.WriteString("currency", s.Currency);
        w.WriteNumber("current_period_end", s.CurrentPeriodEnd);
        w.WriteNumber("current_period_start", s.CurrentPeriodStart);
        w.WriteString("customer", s.Customer.Id);
        w.WriteNull("days_until_due");
        Str(w, "default_payment_method", s.DefaultPaymentMethod);
        w.WriteNull("default_source");
        EmptyArray(w, "default_tax_rates");
        w.WriteNull("description");
        if (s.Coupon is not null)
        {
            WriteDiscount(w, s);
            w.WriteStartArray("discounts");
            w.WriteStringValue(s.DiscountId);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("discount");
            EmptyArray(w, "discounts");
        }

        Num(w, "ended_at", s.EndedAt);
        w.WriteStartObject("invoice_settings");
        w.WriteNull("account_tax_ids");
        w.WriteStartObject("issuer");
        w.WriteString("type", "self");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("items");
        WriteItems(w, s, s.Items);
        Str(w, "latest_invoice", s.LatestInvoice);
        w.WriteBoolean("livemode", false);
        Metadata(w, s.Source is null ? null : [new("source", s.Source)]);
        w.WriteNull("next_pending_invoice_item_invoice");
        w.WriteNull("on_behalf_of");
        w.WriteNull("pause_collection");
        w.WriteStartObject("payment_settings");
        w.WriteNull("payment_method_options");
        w.WriteNull("payment_method_types");
        w.WriteString("save_default_payment_method", "off");
        w.WriteEndObject();
        w.WriteNull("pending_invoice_item_interval");
        w.WriteNull("pending_setup_intent");
        w.WriteNull("pending_update");
        w.WriteNumber("quantity", s.Items.Count == 1 ? s.Items[0].Quantity : 0);
        w.WriteNull("schedule");
        w.WriteNumber("start_date", s.Created);
        w.WriteString("status", s.Status);
        w.WriteNull("test_clock");
        w.WriteNull("transfer_data");
        Num(w, "trial_end", s.TrialEnd);
        w.WriteStartObject("trial_settings");
        w.WriteStartObject("end_behavior");
        w.WriteString("missing_payment_method", "create_invoice");
        w.WriteEndObject();
        w.WriteEndObject();
        Num(w, "trial_start", s.TrialStart);
        w.WriteEndObject();
    }
}
