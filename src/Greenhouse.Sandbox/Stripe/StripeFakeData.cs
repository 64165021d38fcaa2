using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// The fake Stripe account's objects. Tests, the demo and benchmarks read and change them here; every change emits
/// the event Stripe would. Resources: customers, products, prices, coupons, subscriptions, invoices, charges,
/// refunds (and events, read-only). Thread-safe.
/// </summary>
public sealed class StripeFakeData
{
    private const long EventHorizonSeconds = 30L * 86400;

    private readonly Lock _lock = new();
    private readonly Dictionary<StripeResource, StripeStore> _stores;
    private readonly TimeProvider _clock;
    private readonly SandboxRandom _random;
    private readonly StripeTemplates _templates;
    private string _apiVersion = StripeJson.ApiVersion;

    internal StripeFakeData(StripeGenerated generated, TimeProvider clock)
    {
        _stores = generated.Stores;
        _clock = clock;
        _random = generated.Random;
        _templates = new StripeTemplates(generated, this);
    }

    internal long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// The account's API version: events created from now on render their object in it, as Stripe renders an event
    /// when it is created, in the account's version (or the webhook endpoint's), whatever <c>Stripe-Version</c> the
    /// request that lists it sends. Lists and retrieves keep the fake's own version. One of 2025-02-24.acacia (the
    /// default), 2025-03-31.basil (newer) or 2020-08-27 (older); see <c>StripeVersionShape</c> for what differs
    /// (<c>previous_attributes</c> keep the fake's own shape).
    /// </summary>
    public string ApiVersion
    {
        get
        {
            lock (_lock)
            {
                return _apiVersion;
            }
        }

        set
        {
            var version = StripeVersionShape.Require(value);
            lock (_lock)
            {
                _apiVersion = version;
            }
        }
    }

    /// <summary>Ids of the live objects of <paramref name="resource"/>, newest first (the list order).</summary>
    public IReadOnlyList<string> Ids(string resource)
    {
        var store = Store(resource);
        lock (_lock)
        {
            var ids = new string[store.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = store[store.Count - 1 - i].Id;
            }

            return ids;
        }
    }

    /// <summary>A copy of the object as the API serves it.</summary>
    public JsonObject Get(string resource, string id)
    {
        var store = Store(resource);
        lock (_lock)
        {
            return Parse(Require(store, resource, id).Json);
        }
    }

    /// <summary>
    /// An event's JSON bytes exactly as the events API serves them: a webhook body (see <c>Sandbox.Webhooks.WebhookSender</c>).
    /// <see cref="Ids"/>("events") lists the ids, newest first.
    /// </summary>
    public byte[] Event(string id)
    {
        var store = _stores[StripeResource.Events];
        lock (_lock)
        {
            return [.. Require(store, "events", id).Json];
        }
    }

    /// <summary>How many live objects <paramref name="resource"/> has.</summary>
    public int Count(string resource)
    {
        var store = Store(resource);
        lock (_lock)
        {
            return store.Count;
        }
    }

    /// <summary>
    /// Changes an object and emits <c>&lt;type&gt;.updated</c> whose <c>data.previous_attributes</c> holds the old
    /// values of the changed top-level fields. Products also get a new <c>updated</c> time.
    /// </summary>
    public void Update(string resource, string id, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Change(StripeResource.Find(resource), id, (_, o) => change(o));
    }

    /// <summary>
    /// Finalizes a draft invoice (<c>POST /v1/invoices/{id}/finalize</c>): status open, a number, <c>finalized_at</c> now;
    /// emits <c>invoice.updated</c> and <c>invoice.finalized</c>.
    /// </summary>
    public void FinalizeInvoice(string id) => Change(StripeResource.Invoices, id, (now, invoice) =>
    {
        RequireStatus(invoice, "finalize", "draft");
        invoice["status"] = "open";
        invoice["number"] ??= $"{id[3..11].ToUpperInvariant()}-0001";
        invoice["status_transitions"]!["finalized_at"] = now;
        invoice["effective_at"] = now;
    }, "invoice.finalized");

    /// <summary>
    /// Pays an open invoice in full (<c>POST /v1/invoices/{id}/pay</c>, without the charge a real payment makes): status
    /// paid, <c>paid_at</c> now; emits <c>invoice.updated</c>, <c>invoice.paid</c> and <c>invoice.payment_succeeded</c>.
    /// </summary>
    public void PayInvoice(string id) => Change(StripeResource.Invoices, id, (now, invoice) =>
    {
        RequireStatus(invoice, "pay", "open", "uncollectible");
        invoice["status"] = "paid";
        invoice["paid"] = true;
        invoice["amount_paid"] = invoice["amount_due"]?.DeepClone();
        invoice["amount_remaining"] = 0;
        invoice["status_transitions"]!["paid_at"] = now;
    }, "invoice.paid", "invoice.payment_succeeded");

    /// <summary>
    /// Emits an event of any <paramref name="type"/> carrying the object as it is now, even one Stripe never sends (a type
    /// that does not match the object, or an event <paramref name="spoil"/> then changes: without its <c>data</c>, say):
    /// to see what a consumer of the events does with it. Returns the event id.
    /// </summary>
    public string Emit(string type, string resource, string id, Action<JsonObject>? spoil = null)
    {
        var store = Store(resource);
        lock (_lock)
        {
            var eventId = Emit(type, Require(store, resource, id).Json, null);
            if (spoil is not null)
            {
                var record = _stores[StripeResource.Events].Find(eventId)!;
                var json = Parse(record.Json);
                spoil(json);
                record.Json = Serialize(json);
            }

            return eventId;
        }
    }

    /// <summary>
    /// Changes an object under the lock and emits <c>&lt;type&gt;.updated</c> (its <c>previous_attributes</c>: the changed
    /// top-level fields' old values), then each of <paramref name="alsoEmit"/> with the new object.
    /// </summary>
    private void Change(StripeResource kind, string id, Action<long, JsonObject> change, params string[] alsoEmit)
    {
        var resource = kind.Path;
        var store = _stores[kind];
        lock (_lock)
        {
            var record = Require(store, resource, id);
            var before = Parse(record.Json);
            var after = Parse(record.Json);
            change(Now, after);
            after["id"] = id;
            if (kind == StripeResource.Products && !JsonNode.DeepEquals(before, after))
            {
                after["updated"] = Now;
            }

            var previous = new JsonObject();
            foreach (var (key, value) in before)
            {
                if (!JsonNode.DeepEquals(value, after[key]))
                {
                    previous[key] = value?.DeepClone();
                }
            }

            foreach (var (key, _) in after)
            {
                if (!before.ContainsKey(key))
                {
                    previous[key] = null;
                }
            }

            store.Remove(record);
            record.Json = Serialize(after);
            record.Created = Long(after["created"]) ?? record.Created;
            Index(kind, record, after);
            store.Insert(record);
            Emit(kind.EventPrefix + ".updated", record.Json, Serialize(previous));
            foreach (var type in alsoEmit)
            {
                Emit(type, record.Json, null);
            }
        }
    }

    /// <summary>
    /// Adds a new object (created now, with realistic defaults that <paramref name="init"/> may change, id included)
    /// and emits its creation event. Returns the id.
    /// </summary>
    public string Create(string resource, Action<JsonObject>? init = null)
    {
        var kind = StripeResource.Find(resource);
        var store = Store(resource);
        lock (_lock)
        {
            var created = _templates.Create(kind, Now, _random);
            init?.Invoke(created);
            var id = created["id"]?.GetValue<string>()
                ?? throw new InvalidOperationException("A created object needs an 'id'.");
            if (store.Find(id) is not null)
            {
                throw new InvalidOperationException($"A {kind.ObjectName} with id '{id}' already exists.");
            }

            var record = new StripeRecord
            {
                Id = id,
                Created = Long(created["created"]) ?? Now,
                Source = Serialize(created),
            };
            Index(kind, record, created);
            store.Insert(record);
            Emit(CreatedEventType(kind, record), record.Json, null);
            return id;
        }
    }

    /// <summary>
    /// Deletes an object as Stripe's <c>DELETE /v1/{resource}/{id}</c> does and emits <c>&lt;type&gt;.deleted</c> carrying its
    /// last state. Most objects leave the lists; a subscription is canceled instead (status canceled, <c>canceled_at</c>
    /// and <c>ended_at</c> now) and is still listed with <c>status=all</c> and retrievable; only a draft invoice can be
    /// deleted (others are voided).
    /// </summary>
    public void Delete(string resource, string id)
    {
        var kind = StripeResource.Find(resource);
        if (kind == StripeResource.Subscriptions)
        {
            Change(kind, id, (now, subscription) =>
            {
                RequireStatus(subscription, "cancel", "active", "past_due", "trialing", "unpaid", "incomplete", "paused");
                subscription["status"] = "canceled";
                subscription["canceled_at"] = now;
                subscription["ended_at"] = now;
                subscription["cancellation_details"]!["reason"] = "cancellation_requested";
            }, "customer.subscription.deleted");
            return;
        }

        if (kind == StripeResource.Invoices)
        {
            lock (_lock)
            {
                RequireStatus(Parse(Require(_stores[kind], resource, id).Json), "delete", "draft");
            }
        }

        Remove(resource, id, emit: true);
    }

    /// <summary>Removes an object without an event, as if it was deleted before the 30-day event window.</summary>
    public void DeleteWithoutEvent(string resource, string id) => Remove(resource, id, emit: false);

    /// <summary>How many objects of <paramref name="resource"/> were deleted (generated or through <see cref="Delete"/>).</summary>
    internal int DeletedCount(string resource)
    {
        var store = Store(resource);
        lock (_lock)
        {
            return store.Deleted.Count;
        }
    }

    /// <summary>The newest record matching <paramref name="filter"/>; call under the data lock.</summary>
    internal StripeRecord? Newest(StripeResource resource, Func<StripeRecord, bool>? filter = null)
    {
        var store = _stores[resource];
        for (var i = store.Count - 1; i >= 0; i--)
        {
            if (filter is null || filter(store[i]))
            {
                return store[i];
            }
        }

        return null;
    }

    /// <summary>One page, newest first; null when the cursor id is unknown. Read each record's JSON outside the lock.</summary>
    internal (List<StripeRecord> Items, bool HasMore)? List(StripeResource resource, StripeListRequest request)
    {
        var store = _stores[resource];
        var items = new List<StripeRecord>(Math.Min(request.Limit, 100) + 1);
        lock (_lock)
        {
            var min = request.MinCreated;
            if (resource == StripeResource.Events)
            {
                min = Math.Max(min, Now - EventHorizonSeconds);
            }

            var lo = min == long.MinValue ? 0 : store.LowerBound(min);
            var hi = request.MaxCreated == long.MaxValue ? store.Count : store.LowerBound(request.MaxCreated + 1);
            var cursorId = request.StartingAfter ?? request.EndingBefore;
            if (cursorId is not null)
            {
                var cursor = store.Find(cursorId);
                if (cursor is null)
                {
                    return null;
                }

                var position = store.IndexOf(cursor.Created, cursor.Id);
                if (request.StartingAfter is not null)
                {
                    hi = Math.Min(hi, position);
                }
                else
                {
                    lo = Math.Max(lo, position + 1);
                }
            }

            if (request.EndingBefore is not null)
            {
                // The page right above the cursor, still served newest first.
                for (var i = lo; i < hi && items.Count <= request.Limit; i++)
                {
                    if (request.Filter is null || request.Filter(store[i]))
                    {
                        items.Add(store[i]);
                    }
                }

                var more = items.Count > request.Limit;
                if (more)
                {
                    items.RemoveAt(items.Count - 1);
                }

                items.Reverse();
                return (items, more);
            }

            for (var i = hi - 1; i >= lo && items.Count <= request.Limit; i--)
            {
                if (request.Filter is null || request.Filter(store[i]))
                {
                    items.Add(store[i]);
                }
            }
        }

        var hasMore = items.Count > request.Limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, hasMore);
    }

    /// <summary>The object's bytes; <c>Deleted</c> when it was deleted (Stripe answers with a stub for some types).</summary>
    internal (byte[]? Json, bool Deleted) Retrieve(StripeResource resource, string id)
    {
        var store = _stores[resource];
        lock (_lock)
        {
            var record = store.Find(id);
            if (record is null)
            {
                return (null, store.Deleted.Contains(id));
            }

            if (resource == StripeResource.Events && record.Created < Now - EventHorizonSeconds)
            {
                return (null, false);
            }

            return (record.Json, false);
        }
    }

    internal static JsonObject Parse(byte[] json) => JsonNode.Parse(json)!.AsObject();

    internal static byte[] Serialize(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, StripeJson.WriterOptions with { SkipValidation = false }))
        {
            node.WriteTo(writer);
        }

        return stream.ToArray();
    }

    internal static void Index(StripeResource kind, StripeRecord record, JsonObject o)
    {
        record.Customer = IdOf(o["customer"]);
        record.Status = Text(o["status"]);
        record.Email = Text(o["email"]);
        record.Product = IdOf(o["product"]);
        record.Subscription = IdOf(o["subscription"]);
        record.Charge = IdOf(o["charge"]);
        record.Active = o["active"] is JsonValue active && active.TryGetValue<bool>(out var flag) ? flag : null;
        record.Type = kind == StripeResource.Events ? Text(o["type"]) : null;
        if (kind == StripeResource.Subscriptions && o["items"]?["data"] is JsonArray items)
        {
            record.Prices = [.. items.Select(item => IdOf(item?["price"])).OfType<string>()];
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Long(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<long>(out var number) ? number
        : value.TryGetValue<int>(out var small) ? small
        : null
        : null;

    private static string? IdOf(JsonNode? node) => node switch
    {
        JsonObject expanded => Text(expanded["id"]),
        _ => Text(node),
    };

    private static string CreatedEventType(StripeResource kind, StripeRecord record) =>
        kind == StripeResource.Charges
            ? record.Status switch { "failed" => "charge.failed", "pending" => "charge.pending", _ => "charge.succeeded" }
            : kind.EventPrefix + ".created";

    private void Remove(string resource, string id, bool emit)
    {
        var kind = StripeResource.Find(resource);
        var store = Store(resource);
        lock (_lock)
        {
            var record = Require(store, resource, id);
            store.Remove(record);
            store.Deleted.Add(id);
            if (emit)
            {
                Emit(kind.EventPrefix + ".deleted", record.Json, null);
            }
        }
    }

    private string Emit(string type, byte[] dataObject, byte[]? previousAttributes)
    {
        var id = _random.Id("evt_", 24);
        var created = Now;
        var json = new StripeJson().Event(id, type, created, StripeVersionShape.Render(dataObject, _apiVersion), previousAttributes, _apiVersion);
        _stores[StripeResource.Events].Insert(new StripeRecord { Id = id, Created = created, Source = json, Type = type });
        return id;
    }

    /// <summary>Stripe's refusal of an action on an object whose status does not allow it.</summary>
    private static void RequireStatus(JsonObject o, string action, params string[] allowed)
    {
        var status = Text(o["status"]);
        if (!allowed.Contains(status))
        {
            throw new InvalidOperationException(
                $"You can only {action} a {Text(o["object"])} whose status is {string.Join(" or ", allowed)}; {Text(o["id"])} is {status}.");
        }
    }

    private StripeStore Store(string resource) => _stores[StripeResource.Find(resource)];

    private static StripeRecord Require(StripeStore store, string resource, string id) =>
        store.Find(id) ?? throw new KeyNotFoundException($"No {resource} object with id '{id}'.");
}
