using System.Globalization;
using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeJson
{
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
}
