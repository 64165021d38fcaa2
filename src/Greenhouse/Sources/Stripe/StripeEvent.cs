using System.Text.Json;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// The fields of a Stripe event Greenhouse reads, whether a webhook delivered it or <c>/v1/events</c> listed it: its
/// id, type and time, the API version its <c>data.object</c> is rendered in (the webhook endpoint's or the account's
/// version when the event was created, not the <c>Stripe-Version</c> of the request that lists it) and that object.
/// </summary>
internal readonly record struct StripeEvent(string Id, string Type, DateTimeOffset Created, string? ApiVersion, JsonElement Object)
{
    /// <summary>The object's kind (<c>data.object.object</c>: customer, invoice, …); null when it does not say.</summary>
    public string? ObjectKind => Text(Object, "object");

    /// <summary>The event, or null when it lacks an id, a type, a time or an object.</summary>
    public static StripeEvent? Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || Text(body, "id") is not { } id
            || Text(body, "type") is not { } type
            || !body.TryGetProperty("created", out var created) || !created.TryGetInt64(out var seconds)
            || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("object", out var snapshot) || snapshot.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new StripeEvent(id, type, DateTimeOffset.FromUnixTimeSeconds(seconds), Text(body, "api_version"), snapshot);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
