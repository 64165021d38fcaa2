using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Renders Stripe objects as the API does for version <see cref="ApiVersion"/> (field names and nesting; a subset
/// of the rarely used fields). One instance reuses one buffer: not thread-safe.
/// </summary>
#pragma warning disable CA1001 // the writer only wraps a managed buffer; nothing to release
internal sealed class StripeJson
#pragma warning restore CA1001
{
    public const string ApiVersion = "2025-02-24.acacia";
    public const string AccountId = "acct_1GreenhouseDemo";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static StripeJson? _threadInstance;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _w;

    public StripeJson()
    {
        _w = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Renders a generation model (or returns JSON bytes as they are); thread-safe.</summary>
    public static byte[] Render(object source)
    {
        if (source is byte[] bytes)
        {
            return bytes;
        }

        var json = _threadInstance ??= new StripeJson();
        return source switch
        {
            CustomerModel c => json.Customer(c),
            ProductModel p => json.Product(p),
            PriceModel p => json.Price(p),
            CouponModel c => json.Coupon(c),
            SubscriptionModel s => json.Subscription(s),
            InvoiceModel i => json.Invoice(i),
            ChargeModel c => json.Charge(c),
            RefundModel r => json.Refund(r),
            EventModel e => json.Event(e.Id, e.Type, e.Created, Render(e.Data), e.Previous),
            _ => throw new ArgumentException($"Cannot render {source.GetType().Name}.", nameof(source)),
        };
    }

    public byte[] Customer(CustomerModel c) => Render(c, WriteCustomer);

    public byte[] Product(ProductModel p) => Render(p, WriteProduct);

    public byte[] Price(PriceModel p) => Render(p, WritePrice);

    public byte[] Coupon(CouponModel c) => Render(c, WriteCoupon);

    public byte[] Subscription(SubscriptionModel s) => Render(s, WriteSubscription);

    public byte[] Invoice(InvoiceModel i) => Render(i, WriteInvoice);

    public byte[] Charge(ChargeModel c) => Render(c, WriteCharge);

    public byte[] Refund(RefundModel r) => Render(r, WriteRefund);

    /// <summary>The items list of <paramref name="s"/> wrapped as <c>{"items":{…}}</c>, for previous_attributes.</summary>
    public byte[] PreviousItems(SubscriptionModel s, List<ItemModel> items) => Render((s, items), (w, x) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("items");
        WriteItems(w, x.s, x.items);
        w.WriteEndObject();
    });

    /// <summary>Any small object, written by <paramref name="write"/> between the braces.</summary>
    public byte[] Object(Action<Utf8JsonWriter> write) => Render(write, (w, body) =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    public byte[] Event(string id, string type, long created, ReadOnlySpan<byte> dataObject, ReadOnlySpan<byte> previousAttributes)
    {
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        WriteEvent(_w, id, type, created, dataObject, previousAttributes);
        _w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public static void WriteEvent(Utf8JsonWriter w, string id, string type, long created, ReadOnlySpan<byte> dataObject, ReadOnlySpan<byte> previousAttributes)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "event");
        w.WriteString("api_version", ApiVersion);
        w.WriteNumber("created", created);
        w.WriteStartObject("data");
        w.WritePropertyName("object");
        w.WriteRawValue(dataObject, skipInputValidation: true);
        if (!previousAttributes.IsEmpty)
        {
            w.WritePropertyName("previous_attributes");
            w.WriteRawValue(previousAttributes, skipInputValidation: true);
        }

        w.WriteEndObject();
        w.WriteBoolean("livemode", false);
        w.WriteNumber("pending_webhooks", 0);
        w.WriteStartObject("request");
        w.WriteNull("id");
        w.WriteNull("idempotency_key");
        w.WriteEndObject();
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    private byte[] Render<T>(T model, Action<Utf8JsonWriter, T> write)
    {
        _buffer.ResetWrittenCount();
        _w.Reset(_buffer);
        write(_w, model);
        _w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    private static void EmptyArray(Utf8JsonWriter w, string name)
    {
        w.WriteStartArray(name);
        w.WriteEndArray();
    }

    private static void EmptyObject(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        w.WriteStartObject("metadata");
        if (pairs is not null)
        {
            foreach (var (key, value) in pairs)
            {
                w.WriteString(key, value);
            }
        }

        w.WriteEndObject();
    }

    private static void AutomaticTax(Utf8JsonWriter w, bool withStatus)
    {
        w.WriteStartObject("automatic_tax");
        if (!withStatus)
        {
            w.WriteNull("disabled_reason");
        }

        w.WriteBoolean("enabled", false);
        w.WriteNull("liability");
        if (withStatus)
        {
            w.WriteNull("status");
        }

        w.WriteEndObject();
    }

    private static void WriteCustomer(Utf8JsonWriter w, CustomerModel c)
    {
        var p = c.Person;
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("object", "customer");
        if (c.HasAddress)
        {
            w.WriteStartObject("address");
            w.WriteString("city", p.City);
            w.WriteString("country", p.Country);
            w.WriteString("line1", $"{(p.Index % 180) + 1} {p.LastName} Street");
            w.WriteNull("line2");
            w.WriteString("postal_code", p.PostalCode);
            w.WriteNull("state");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("address");
        }

        w.WriteNumber("balance", 0);
        w.WriteNumber("created", c.Created);
        Str(w, "currency", c.Currency);
        w.WriteNull("default_source");
        w.WriteBoolean("delinquent", c.Delinquent);
        w.WriteNull("description");
        w.WriteNull("discount");
        w.WriteString("email", c.Email);
        w.WriteString("invoice_prefix", c.InvoicePrefix);
        w.WriteStartObject("invoice_settings");
        w.WriteNull("custom_fields");
        Str(w, "default_payment_method", c.DefaultPaymentMethod);
        w.WriteNull("footer");
        w.WriteNull("rendering_options");
        w.WriteEndObject();
        w.WriteBoolean("livemode", false);
        Metadata(w, c.Metadata);
        w.WriteString("name", p.Name);
        w.WriteNumber("next_invoice_sequence", c.InvoiceSequence + 1);
        Str(w, "phone", c.Phone);
        EmptyArray(w, "preferred_locales");
        w.WriteNull("shipping");
        w.WriteString("tax_exempt", "none");
        w.WriteNull("test_clock");
        w.WriteEndObject();
    }

    private static void WriteProduct(Utf8JsonWriter w, ProductModel p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("object", "product");
        w.WriteBoolean("active", p.Active);
        EmptyArray(w, "attributes");
        w.WriteNumber("created", p.Created);
        Str(w, "default_price", p.DefaultPrice);
        Str(w, "description", p.Description);
        EmptyArray(w, "images");
        w.WriteBoolean("livemode", false);
        EmptyArray(w, "marketing_features");
        Metadata(w, p.Tier is null ? null : [new("tier", p.Tier)]);
        w.WriteString("name", p.Name);
        w.WriteNull("package_dimensions");
        w.WriteNull("shippable");
        w.WriteNull("statement_descriptor");
        w.WriteString("tax_code", "txcd_10103001");
        w.WriteString("type", "service");
        Str(w, "unit_label", p.UnitLabel);
        w.WriteNumber("updated", p.Updated);
        w.WriteNull("url");
        w.WriteEndObject();
    }

    private static void WritePrice(Utf8JsonWriter w, PriceModel p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("object", "price");
        w.WriteBoolean("active", p.Active);
        w.WriteString("billing_scheme", "per_unit");
        w.WriteNumber("created", p.Created);
        w.WriteString("currency", p.Currency);
        w.WriteNull("custom_unit_amount");
        w.WriteBoolean("livemode", false);
        Str(w, "lookup_key", p.LookupKey);
        Metadata(w, null);
        Str(w, "nickname", p.Nickname);
        w.WriteString("product", p.Product);
        w.WriteStartObject("recurring");
        w.WriteNull("aggregate_usage");
        w.WriteString("interval", p.Interval);
        w.WriteNumber("interval_count", 1);
        w.WriteNull("meter");
        w.WriteNull("trial_period_days");
        w.WriteString("usage_type", "licensed");
        w.WriteEndObject();
        w.WriteString("tax_behavior", "exclusive");
        w.WriteNull("tiers_mode");
        w.WriteNull("transform_quantity");
        w.WriteString("type", "recurring");
        w.WriteNumber("unit_amount", p.UnitAmount);
        w.WriteString("unit_amount_decimal", p.UnitAmount.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteCoupon(Utf8JsonWriter w, CouponModel c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("object", "coupon");
        Num(w, "amount_off", c.AmountOff);
        w.WriteNumber("created", c.Created);
        Str(w, "currency", c.Currency);
        w.WriteString("duration", c.Duration);
        Num(w, "duration_in_months", c.DurationInMonths);
        w.WriteBoolean("livemode", false);
        Num(w, "max_redemptions", c.MaxRedemptions);
        Metadata(w, c.Note is null ? null : [new("note", c.Note)]);
        w.WriteString("name", c.Name);
        if (c.PercentOff is { } percent)
        {
            // Stripe renders percent_off as a float ("25.0").
            w.WritePropertyName("percent_off");
            w.WriteRawValue(percent.ToString("0.0##", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            w.WriteNull("percent_off");
        }

        Num(w, "redeem_by", c.RedeemBy);
        w.WriteNumber("times_redeemed", c.TimesRedeemed);
        w.WriteBoolean("valid", c.Valid);
        w.WriteEndObject();
    }

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
