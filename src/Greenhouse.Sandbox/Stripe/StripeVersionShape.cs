using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Renders an object the fake keeps (in <see cref="StripeJson.ApiVersion"/>'s shape) as another API version does, for the
/// fields the Greenhouse Stripe streams read, following Stripe's changelog:
/// <list type="bullet">
/// <item><see cref="Basil"/> (docs.stripe.com/changelog/basil): a subscription's <c>current_period_start</c>/<c>_end</c> move
/// onto each item and its <c>discount</c> is gone (<c>discounts</c>, ids, remains); an invoice's <c>subscription</c> and
/// <c>subscription_details</c> move to <c>parent.subscription_details</c> and <c>charge</c>, <c>payment_intent</c>,
/// <c>paid</c>, <c>paid_out_of_band</c> are gone (its lines name their subscription item under <c>parent</c>); a charge
/// no longer has <c>invoice</c>.</item>
/// <item><see cref="Legacy"/> (2020-08-27): a subscription has no top-level <c>currency</c>.</item>
/// </list>
/// </summary>
internal static class StripeVersionShape
{
    public const string Basil = "2025-03-31.basil";
    public const string Legacy = "2020-08-27";

    public static readonly IReadOnlyList<string> Supported = [StripeJson.ApiVersion, Basil, Legacy];

    /// <summary>Fails, naming the versions the fake renders, unless it renders <paramref name="version"/>.</summary>
    public static string Require(string version) => Supported.Contains(version)
        ? version
        : throw new ArgumentException($"The Stripe fake renders API versions {string.Join(", ", Supported)}; not '{version}'.", nameof(version));

    /// <summary><paramref name="json"/> (an object in the fake's own version) as <paramref name="version"/> renders it.</summary>
    public static byte[] Render(byte[] json, string version)
    {
        if (version == StripeJson.ApiVersion)
        {
            return json;
        }

        var o = StripeFakeData.Parse(json);
        switch ((version, (string?)o["object"]))
        {
            case (Basil, "subscription"):
                foreach (var item in o["items"]?["data"]?.AsArray() ?? [])
                {
                    item!["current_period_start"] = o["current_period_start"]?.DeepClone();
                    item["current_period_end"] = o["current_period_end"]?.DeepClone();
                }

                o.Remove("current_period_start");
                o.Remove("current_period_end");
                o.Remove("discount");
                break;
            case (Basil, "invoice"):
                BasilInvoice(o);
                break;
            case (Basil, "charge"):
                o.Remove("invoice");
                break;
            case (Legacy, "subscription"):
                o.Remove("currency");
                break;
        }

        return StripeFakeData.Serialize(o);
    }

    private static void BasilInvoice(JsonObject o)
    {
        var subscription = o["subscription"]?.DeepClone();
        foreach (var gone in new[] { "subscription", "subscription_details", "charge", "payment_intent", "paid", "paid_out_of_band" })
        {
            o.Remove(gone);
        }

        o["parent"] = subscription is null ? null : new JsonObject
        {
            ["quote_details"] = null,
            ["subscription_details"] = new JsonObject { ["metadata"] = new JsonObject(), ["subscription"] = subscription },
            ["type"] = "subscription_details",
        };
        foreach (var line in o["lines"]?["data"]?.AsArray() ?? [])
        {
            var details = new JsonObject { ["invoice_item"] = null };
            foreach (var moved in new[] { "proration", "proration_details", "subscription", "subscription_item" })
            {
                details[moved] = line![moved]?.DeepClone();
                line.AsObject().Remove(moved);
            }

            line!.AsObject().Remove("type");
            line["parent"] = new JsonObject
            {
                ["invoice_item_details"] = null,
                ["subscription_item_details"] = details,
                ["type"] = "subscription_item_details",
            };
        }
    }
}
