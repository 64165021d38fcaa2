using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeJson
{
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
}
