using System.Text;
using System.Text.Json.Nodes;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Stripe event bodies for tests: a customer snapshot, or any object, inside an event of the given type and time.</summary>
internal static class StripeEvents
{
    /// <summary><paramref name="dataObject"/> as the <c>data.object</c> of event <paramref name="eventId"/>.</summary>
    public static byte[] Of(string eventId, string type, long created, JsonObject dataObject, string apiVersion = "2025-02-24.acacia")
    {
        var json = new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = created,
            ["type"] = type,
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = dataObject },
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    public static byte[] Customer(string eventId, string type, long created, string customerId, string email, string name = "Ada")
    {
        var json = new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = "2025-02-24.acacia",
            ["created"] = created,
            ["type"] = type,
            ["livemode"] = false,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = customerId,
                    ["object"] = "customer",
                    ["email"] = email,
                    ["name"] = name,
                    ["created"] = 1_600_000_000,
                    ["currency"] = "eur",
                    ["balance"] = 0,
                    ["delinquent"] = false,
                },
            },
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
