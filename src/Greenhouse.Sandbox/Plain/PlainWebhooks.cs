using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Webhooks;

namespace Greenhouse.Sandbox.Plain;

/// <summary>
/// The webhooks Plain would send for the fake workspace as it is now, in the shape of Plain's webhook schema
/// (team-plain/typescript-sdk <c>src/webhooks/webhook-schema.json</c>) rather than of the GraphQL nodes the fake serves:
/// timestamps as ISO strings (not <c>{iso8601}</c>), a thread's whole customer embedded, actors, no thread
/// <c>description</c>. <c>thread.*</c> events carry <c>payload.thread</c> (and <c>previousThread</c> where the schema
/// has one: the fake keeps no history, so it is the same snapshot); <c>customer.customer_deleted</c> carries
/// <c>payload.previousCustomer</c>. Build the event after changing the data and before removing from it;
/// <see cref="WebhookSender.SendAsync"/> adds <c>webhookMetadata</c> when it sends.
/// </summary>
public sealed class PlainWebhooks(GraphQLFakeStore data, TimeProvider? clock = null)
{
    private const string Workspace = "w_01SANDB0X0000000000000000";
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly string[] WithPreviousThread =
        ["thread.thread_status_transitioned", "thread.thread_assignment_transitioned", "thread.thread_labels_changed", "thread.thread_priority_changed"];

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A <c>thread.*</c> event (<c>thread.thread_created</c>, <c>thread.thread_status_transitioned</c>, …) for thread <paramref name="id"/>.</summary>
    public SandboxWebhook Thread(string id, string type = "thread.thread_created")
    {
        var thread = ThreadData(data.Get("threads", id));
        var payload = new JsonObject { ["eventType"] = type, ["thread"] = thread };
        if (type == "thread.thread_labels_changed")
        {
            payload["changeType"] = "ADDED";
        }

        if (WithPreviousThread.Contains(type))
        {
            payload["previousThread"] = thread.DeepClone();
        }

        return Event(type, payload);
    }

    /// <summary><c>customer.customer_created</c>, <c>customer.customer_updated</c> or <c>customer.customer_deleted</c> for customer <paramref name="id"/>.</summary>
    public SandboxWebhook Customer(string id, string type = "customer.customer_updated")
    {
        var customer = CustomerData(data.Get("customers", id));
        var payload = new JsonObject { ["eventType"] = type };
        if (type == "customer.customer_deleted")
        {
            payload["previousCustomer"] = customer;
        }
        else
        {
            payload["customer"] = customer;
            if (type == "customer.customer_updated")
            {
                payload["previousCustomer"] = customer.DeepClone();
            }
        }

        return Event(type, payload);
    }

    /// <summary>An id in Plain's format: a prefix, <c>_</c> and 26 Crockford base-32 characters.</summary>
    public static string NewId(string prefix)
    {
        Span<byte> random = stackalloc byte[26];
        RandomNumberGenerator.Fill(random);
        Span<char> id = stackalloc char[26];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Crockford[random[i] % 32];
        }

        return $"{prefix}_{id}";
    }

    private SandboxWebhook Event(string type, JsonObject payload)
    {
        var id = NewId("pEv");
        return new SandboxWebhook("plain", type, id, new JsonObject
        {
            ["timestamp"] = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["workspaceId"] = Workspace,
            ["payload"] = payload,
            ["id"] = id,
            ["type"] = type,
        });
    }

    private JsonObject ThreadData(JsonObject thread) => new()
    {
        ["id"] = Copy(thread, "id"),
        ["customer"] = CustomerData(data.Get("customers", (string)thread["customer"]!["id"]!)),
        ["title"] = Copy(thread, "title"),
        ["previewText"] = Copy(thread, "previewText"),
        ["priority"] = Copy(thread, "priority"),
        ["externalId"] = Copy(thread, "externalId"),
        ["status"] = Copy(thread, "status"),
        ["statusChangedAt"] = Iso(thread["statusChangedAt"]),
        ["statusChangedBy"] = SystemActor(),
        ["statusDetail"] = null,
        ["assignee"] = null,
        ["assignedAt"] = Iso(thread["assignedAt"]),
        ["labels"] = new JsonArray([.. (thread["labels"] as JsonArray ?? []).Select(label => (JsonNode)new JsonObject
        {
            ["id"] = Copy(label, "id"),
            ["labelType"] = LabelType((string)label!["labelType"]!["id"]!),
            ["createdAt"] = Iso(thread["createdAt"]),
            ["createdBy"] = SystemActor(),
            ["updatedAt"] = Iso(thread["createdAt"]),
            ["updatedBy"] = SystemActor(),
        })]),
        ["firstInboundMessageInfo"] = null,
        ["firstOutboundMessageInfo"] = null,
        ["lastInboundMessageInfo"] = null,
        ["lastOutboundMessageInfo"] = null,
        ["supportEmailAddresses"] = new JsonArray("help@sandbox.example"),
        ["createdAt"] = Iso(thread["createdAt"]),
        ["createdBy"] = SystemActor(),
        ["updatedAt"] = Iso(thread["updatedAt"]),
        ["updatedBy"] = SystemActor(),
    };

    private static JsonObject CustomerData(JsonObject customer) => new()
    {
        ["id"] = Copy(customer, "id"),
        ["email"] = new JsonObject
        {
            ["email"] = Copy(customer["email"], "email"),
            ["isVerified"] = Copy(customer["email"], "isVerified"),
            ["verifiedAt"] = Iso(customer["email"]?["verifiedAt"]),
        },
        ["externalId"] = Copy(customer, "externalId"),
        ["fullName"] = Copy(customer, "fullName"),
        ["shortName"] = Copy(customer, "shortName"),
        ["assignedAt"] = null,
        ["assignedToUser"] = null,
        ["markedAsSpamAt"] = Iso(customer["markedAsSpamAt"]),
        ["markedAsSpamBy"] = null,
        ["customerGroupMemberships"] = new JsonArray(),
        ["createdAt"] = Iso(customer["createdAt"]),
        ["createdBy"] = SystemActor(),
        ["updatedAt"] = Iso(customer["updatedAt"]),
        ["updatedBy"] = SystemActor(),
    };

    private JsonObject LabelType(string id)
    {
        var type = data.Get("labelTypes", id);
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = Copy(type, "name"),
            ["icon"] = Copy(type, "icon"),
            ["isArchived"] = Copy(type, "isArchived"),
            ["archivedAt"] = Iso(type["archivedAt"]),
            ["archivedBy"] = null,
            ["createdAt"] = Iso(type["createdAt"]),
            ["createdBy"] = SystemActor(),
            ["updatedAt"] = Iso(type["updatedAt"]),
            ["updatedBy"] = SystemActor(),
        };
    }

    /// <summary>Plain's GraphQL <c>{"iso8601": …}</c> as the ISO string its webhooks send.</summary>
    private static JsonNode? Iso(JsonNode? stamp) => stamp?["iso8601"]?.DeepClone();

    private static JsonObject SystemActor() => new() { ["actorType"] = "system", ["system"] = "sandbox" };

    private static JsonNode? Copy(JsonNode? node, string property) => node?[property]?.DeepClone();
}
