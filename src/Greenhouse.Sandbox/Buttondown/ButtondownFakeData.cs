using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.Stripe;

namespace Greenhouse.Sandbox.Buttondown;

/// <summary>
/// The fake newsletter: subscribers are the sandbox's people, overlapping the Stripe customers (those paying on Stripe
/// are <c>premium</c>), plus people who never paid (<c>regular</c>), some <c>unsubscribed</c> or <c>unactivated</c>;
/// and a weekly email going back half a year. A pure function of the seed and the clock's second at startup.
/// Thread-safe; the mutation methods let tests change what Buttondown reports.
/// </summary>
public sealed class ButtondownFakeData
{
    private static readonly string[] Sources = ["embed_form", "import", "api", "organic", "stripe"];
    private static readonly string[] Tags = ["product-updates", "weekly-digest", "beta", "customers"];
    private static readonly string[] Subjects =
    [
        "What we shipped this week", "Pricing changes, explained", "A faster dashboard", "Customer story: {0}", "Office hours recap",
        "Five ways to use exports", "Our new API", "Behind the scenes of {0}", "Year in review", "Tips for {0} teams",
    ];

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly List<JsonObject> _subscribers = [];
    private readonly List<JsonObject> _emails = [];
    private readonly SandboxRandom _ids;

    /// <summary>Each list in each order it was asked for, as of <see cref="_version"/>: a listing reads its pages from one sort.</summary>
    private readonly Dictionary<(List<JsonObject> List, string Ordering), (long Version, List<JsonObject> Items)> _sorted = [];

    /// <summary>Counts the changes to the subscribers and emails.</summary>
    private long _version;

    internal ButtondownFakeData(int seed, SandboxSize size, TimeProvider clock)
    {
        _clock = clock;
        _ids = new SandboxRandom(seed, 0xB077);
        var anchor = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var people = new SandboxPeople(seed);
        var random = new SandboxRandom(seed, 0xB0D0);
        var customers = StripeGenerator.CustomerCount(size);
        // The newsletter reaches back before the product: some readers became customers, most did not.
        var first = customers * 3 / 5;
        var count = customers * 2;
        for (var index = first; index < first + count; index++)
        {
            var person = people[index];
            var type = index % 11 == 5 ? "unsubscribed"
                : index % 17 == 3 ? "unactivated"
                : index < customers ? "premium"
                : "regular";
            var created = anchor.AddDays(-random.Next(1, 720)).AddSeconds(-random.Next(86_400));
            var tags = new JsonArray();
            foreach (var tag in Tags)
            {
                if (random.Chance(tag == "customers" ? (index < customers ? 1 : 0) : 0.3))
                {
                    tags.Add(tag);
                }
            }

            var subscriber = Subscriber(person.Email, type, created, random.Pick(Sources), tags, person.Company);
            // The type's history, as Buttondown records it: the dates of the transitions that led to the type.
            var changed = created.AddDays(random.Next(0, Math.Max(1, (int)(anchor - created).TotalDays))).AddSeconds(random.Next(86_400));
            changed = changed > anchor ? anchor : changed;
            if (type == "premium")
            {
                Transition(subscriber, "premium", "upgrade_date", changed);
            }
            else if (type == "unsubscribed")
            {
                Transition(subscriber, "unsubscribed", "unsubscription_date", changed);
            }

            _subscribers.Add(subscriber);
        }

        var weeks = size switch { SandboxSize.Small => 26, SandboxSize.Medium => 104, _ => 260 };
        var audience = _subscribers.Count(s => (string)s["type"]! is "regular" or "premium");
        for (var w = weeks; w >= 0; w--)
        {
            var publish = anchor.AddDays(-7 * w + 3).AddHours(-random.Next(48));
            var status = w == 0 ? "draft" : publish > anchor ? "scheduled" : "sent";
            var subject = string.Format(CultureInfo.InvariantCulture, random.Pick(Subjects), people[random.Next(count)].Company);
            var email = new JsonObject
            {
                ["id"] = Uuid(),
                ["subject"] = subject,
                ["body"] = $"Hello!\n\n{subject}.\n\n— the Acme team",
                ["status"] = status,
                ["email_type"] = random.Chance(0.15) ? "premium" : "public",
                ["creation_date"] = Iso(publish.AddDays(-2)),
                ["publish_date"] = status == "draft" ? null : Iso(publish),
                ["slug"] = subject.ToLowerInvariant().Replace(' ', '-').Replace(",", "", StringComparison.Ordinal),
                ["metadata"] = new JsonObject(),
                ["secondary_id"] = weeks - w + 1,
            };
            var modified = status == "sent" ? publish.AddDays(random.Next(1, 4)) : publish.AddDays(-2).AddHours(random.Next(1, 24));
            email["modification_date"] = Iso(modified > anchor ? anchor : modified);
            if (status == "sent")
            {
                var opens = audience * (30 + random.Next(30)) / 100;
                email["analytics"] = new JsonObject { ["recipients"] = audience, ["deliveries"] = audience, ["opens"] = opens, ["clicks"] = opens / (3 + random.Next(5)) };
            }

            _emails.Add(email);
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public IReadOnlyList<string> SubscriberIds() => Ids(_subscribers);

    public IReadOnlyList<string> EmailIds() => Ids(_emails);

    /// <summary>A copy of the subscriber with id <paramref name="id"/>.</summary>
    public JsonObject Subscriber(string id)
    {
        lock (_lock)
        {
            return (JsonObject)Find(_subscribers, id).DeepClone();
        }
    }

    /// <summary>A new <c>regular</c> subscriber signed up now; returns its id.</summary>
    public string AddSubscriber(string email)
    {
        lock (_lock)
        {
            var subscriber = Subscriber(email, "regular", _clock.GetUtcNow(), "embed_form", [], null);
            _subscribers.Add(subscriber);
            _version++;
            return (string)subscriber["id"]!;
        }
    }

    /// <summary>The subscriber unsubscribes now: its type becomes <c>unsubscribed</c>, with <c>unsubscription_date</c>.</summary>
    public void Unsubscribe(string id) => Update(_subscribers, id, s => Transition(s, "unsubscribed", "unsubscription_date", _clock.GetUtcNow()));

    /// <summary>The subscriber starts paying now: its type becomes <c>premium</c>, with <c>upgrade_date</c>.</summary>
    public void Upgrade(string id) => Update(_subscribers, id, s => Transition(s, "premium", "upgrade_date", _clock.GetUtcNow()));

    /// <summary>The newsletter retags the subscriber. Buttondown records no date for it, so no date filter finds it.</summary>
    public void Retag(string id, params string[] tags) => Update(_subscribers, id, s => s["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]));

    /// <summary>Buttondown refreshes a sent email's analytics now: <c>opens</c> changes and so does <c>modification_date</c>.</summary>
    public void RecordOpens(string id, int opens) => Update(_emails, id, e =>
    {
        var analytics = e["analytics"] as JsonObject ?? [];
        analytics["opens"] = opens;
        e["analytics"] = analytics;
        e["modification_date"] = Iso(_clock.GetUtcNow());
    });

    /// <summary>The newsletter deletes the subscriber: it is no longer listed at all.</summary>
    public void DeleteSubscriber(string id)
    {
        lock (_lock)
        {
            _subscribers.Remove(Find(_subscribers, id));
            _version++;
        }
    }

    /// <summary>The subscribers as they are now, ordered by <paramref name="ordering"/> (a field, descending with a leading <c>-</c>), ties by id.</summary>
    internal List<JsonObject> Subscribers(string ordering) => Sorted(_subscribers, ordering);

    /// <summary>The emails as they are now, ordered as <see cref="Subscribers"/> are.</summary>
    internal List<JsonObject> Emails(string ordering) => Sorted(_emails, ordering);

    private JsonObject Subscriber(string email, string type, DateTimeOffset created, string source, JsonArray tags, string? company) => new()
    {
        ["id"] = Uuid(),
        ["email_address"] = email,
        ["type"] = type,
        ["creation_date"] = Iso(created),
        ["source"] = source,
        ["tags"] = tags,
        ["metadata"] = company is null ? new JsonObject() : new JsonObject { ["company"] = company },
        ["notes"] = "",
        ["referrer_url"] = source == "embed_form" ? "https://acme.example/blog" : "",
        ["secondary_id"] = _subscribers.Count + 1,
        ["upgrade_date"] = null,
        ["churn_date"] = null,
        ["unsubscription_date"] = null,
        ["undeliverability_date"] = null,
        ["transitions"] = new JsonArray(),
        ["utm_campaign"] = "",
        ["utm_medium"] = "",
        ["utm_source"] = "",
    };

    private static void Transition(JsonObject subscriber, string type, string dateField, DateTimeOffset at)
    {
        subscriber["type"] = type;
        subscriber[dateField] = Iso(at);
        ((JsonArray)subscriber["transitions"]!).Add(new JsonObject { ["date"] = Iso(at), ["type"] = type });
    }

    private string Uuid()
    {
        var hex = Convert.ToHexStringLower(BitConverter.GetBytes(_ids.NextUInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(_ids.NextUInt64()));
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
    }

    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Find(List<JsonObject> items, string id) =>
        items.SingleOrDefault(i => (string)i["id"]! == id) ?? throw new KeyNotFoundException($"No Buttondown object {id} in the sandbox.");

    /// <summary>Copy-on-write: a listed object is never changed in place, so a snapshot may hand out the objects themselves.</summary>
    private void Update(List<JsonObject> items, string id, Action<JsonObject> change)
    {
        lock (_lock)
        {
            var index = items.IndexOf(Find(items, id));
            var copy = (JsonObject)items[index].DeepClone();
            change(copy);
            items[index] = copy;
            _version++;
        }
    }

    private List<string> Ids(List<JsonObject> items)
    {
        lock (_lock)
        {
            return [.. items.Select(i => (string)i["id"]!)];
        }
    }

    /// <summary>
    /// The objects as they are now, in <paramref name="ordering"/>'s order (read-only: clone one before putting it in a
    /// response). Sorted once per change of the data, not per page: 24,000 subscribers take tens of milliseconds to sort.
    /// </summary>
    private List<JsonObject> Sorted(List<JsonObject> items, string ordering)
    {
        lock (_lock)
        {
            if (_sorted.TryGetValue((items, ordering), out var cached) && cached.Version == _version)
            {
                return cached.Items;
            }

            var key = ordering.TrimStart('-');
            var sorted = ordering.StartsWith('-')
                ? items.OrderByDescending(i => (string?)i[key] ?? "", StringComparer.Ordinal).ThenByDescending(i => (string)i["id"]!, StringComparer.Ordinal)
                : items.OrderBy(i => (string?)i[key] ?? "", StringComparer.Ordinal).ThenBy(i => (string)i["id"]!, StringComparer.Ordinal);
            List<JsonObject> listed = [.. sorted];
            _sorted[(items, ordering)] = (_version, listed);
            return listed;
        }
    }
}
