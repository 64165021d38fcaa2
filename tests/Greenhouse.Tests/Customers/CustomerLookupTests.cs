using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Customers;
using Greenhouse.Sandbox;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Customers;

/// <summary>
/// The customer 360 on a synced sandbox with no transform project: one person's rows in every vendor, found by email,
/// by Stripe id, by Plain id and by GitHub login, compared with what the sandbox's fakes hold.
/// </summary>
public sealed class CustomerLookupTests
{
    internal static readonly SandboxVendor[] Vendors =
        [SandboxVendor.Stripe, SandboxVendor.Plain, SandboxVendor.Buttondown, SandboxVendor.GitHub, SandboxVendor.Linear, SandboxVendor.Sentry];

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_person_in_every_vendor_is_found_by_email_stripe_id_plain_id_and_github_login_with_the_fakes_rows(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(Vendors, kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var person = SandboxPerson360.InEveryVendor(harness.Sandbox);
        await using var warehouse = harness.Warehouse.Open();
        var service = new CustomerService(harness.LoadConfig(), warehouse, new CustomerOptions { ModelSchema = harness.Warehouse.ModelSchema() });

        var byEmail = await service.LookupAsync("  " + person.Email.ToUpperInvariant() + " ");

        Assert.Equal(CustomerLookup.Found, byEmail.Outcome);
        var customer = byEmail.Customer!;
        Assert.Equal(person.Email, customer.Email);
        Assert.Equal("emails", customer.Identity.Kind);
        Assert.Equal(person.Name, customer.Name);
        person.AssertMatches(customer);
        Assert.NotNull(customer.Sentry);

        foreach (var other in new[] { person.StripeIds[0], person.PlainIds[0], person.Login, person.Login.ToUpperInvariant(), person.SubscriberIds[0] })
        {
            var found = await service.LookupAsync(other);
            Assert.True(found.Outcome == CustomerLookup.Found, $"{other}: {found.Message}");
            Assert.Equal(person.Email, found.Customer!.Email);
            Assert.Equal(JsonSerializer.Serialize(customer.Ids), JsonSerializer.Serialize(found.Customer.Ids));
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_shared_name_lists_its_people_and_an_unknown_one_says_where_it_looked(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe, SandboxVendor.Plain, SandboxVendor.Linear], kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        await using var warehouse = harness.Warehouse.Open();
        var service = new CustomerService(harness.LoadConfig(), warehouse, new CustomerOptions { ModelSchema = harness.Warehouse.ModelSchema() });
        var names = SandboxPerson360.Names(harness.Sandbox);
        // A last name that two to twenty people share (a search lists at most twenty).
        var shared = names.Select(n => n.Name.Split(' ')[^1]).Distinct(StringComparer.Ordinal)
            .Select(last => (Last: last, Emails: names.Where(n => n.Name.Contains(last, StringComparison.OrdinalIgnoreCase)).Select(n => n.Email).ToHashSet(StringComparer.Ordinal)))
            .Where(s => s.Emails.Count is >= 2 and <= 20)
            .OrderBy(s => s.Last, StringComparer.Ordinal)
            .First();

        var ambiguous = await service.LookupAsync(shared.Last.ToLowerInvariant());

        Assert.Equal(CustomerLookup.Ambiguous, ambiguous.Outcome);
        Assert.Null(ambiguous.Customer);
        Assert.Equal(shared.Emails.Order(StringComparer.Ordinal), ambiguous.Candidates.Select(c => c.Email!).Order(StringComparer.Ordinal));
        Assert.All(ambiguous.Candidates, c => Assert.Contains(shared.Last, c.Name!, StringComparison.OrdinalIgnoreCase));
        Assert.All(ambiguous.Candidates, c => Assert.Contains(c.MatchedBy, m => m.StartsWith("name in ", StringComparison.Ordinal)));
        Assert.Contains($"{shared.Emails.Count} people match", ambiguous.Message, StringComparison.Ordinal);
        // The search alone lists the same people, and one for an email.
        Assert.Equal(ambiguous.Candidates.Select(c => c.Email), (await service.SearchAsync(shared.Last.ToLowerInvariant())).Select(c => c.Email));
        var one = shared.Emails.Order(StringComparer.Ordinal).First();
        Assert.Equal([one], (await service.SearchAsync(one.ToUpperInvariant())).Select(c => c.Email));
        Assert.Empty(await service.SearchAsync("nobody@nowhere.example"));

        foreach (var unknown in new[] { "nobody@nowhere.example", "zz-no-such-person", "o'brien' OR '1'='1", "%", "_", "\\'; DROP TABLE x; --" })
        {
            var none = await service.LookupAsync(unknown);
            Assert.True(none.Outcome == CustomerLookup.NotFound, $"{unknown}: {none.Outcome} {none.Message}");
            Assert.Null(none.Customer);
            Assert.Empty(none.Candidates);
            Assert.Contains("No one matches", none.Message, StringComparison.Ordinal);
            Assert.Contains("stripe.customers", none.Message, StringComparison.Ordinal);
        }

        Assert.Equal(CustomerLookup.NotFound, (await service.LookupAsync("   ")).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Email_and_login_searches_use_the_lower_case_indexes(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe, SandboxVendor.GitHub], kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        await using var warehouse = harness.Warehouse.Open();
        var customers = harness.Table("stripe", "customers");
        var issues = harness.Table("github", "issues");
        var prefix = kind == "sqlite" ? "raw_" : "";

        var plans = kind == "sqlite"
            ? new[]
            {
                await PlanAsync(warehouse, $"EXPLAIN QUERY PLAN SELECT id FROM {customers} WHERE lower(\"email\") = 'ada@example.com'"),
                await PlanAsync(warehouse, $"EXPLAIN QUERY PLAN SELECT id FROM {issues} WHERE lower(\"user_login\") IN ('ada', 'ada-lovelace')"),
            }
            : new[]
            {
                await PlanAsync(warehouse, $"BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT id FROM {customers} WHERE lower(\"email\") = E'ada@example.com'"),
                await PlanAsync(warehouse, $"BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT id FROM {customers} WHERE lower(\"email\") LIKE E'ada.lovelace@%' ESCAPE '!'"),
                await PlanAsync(warehouse, $"BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT id FROM {issues} WHERE lower(\"user_login\") IN (E'ada', E'ada-lovelace')"),
            };

        Assert.Contains($"{prefix}stripe_customers_email_lower_idx", plans[0], StringComparison.Ordinal);
        Assert.Contains($"{prefix}github_issues_user_login_lower_idx", plans[^1], StringComparison.Ordinal);
        if (kind == "postgresql")
        {
            Assert.Contains($"{prefix}stripe_customers_email_lower_idx", plans[1], StringComparison.Ordinal);
        }
    }

    private static async Task<string> PlanAsync(IWarehouse warehouse, string sql) =>
        string.Join("\n", (await warehouse.QueryAsync(sql)).Rows.Select(r => string.Join(" ", r.Select(v => v?.ToString()))));
}

/// <summary>A sandbox person with rows in every vendor, and what the fakes hold for them: what a lookup must answer.</summary>
internal sealed record SandboxPerson360(
    string Email,
    string Name,
    string Login,
    IReadOnlyList<string> StripeIds,
    IReadOnlyList<string> PlainIds,
    IReadOnlyList<string> SubscriberIds,
    string SubscriberType,
    HashSet<string> Subscriptions,
    HashSet<string> Invoices,
    HashSet<string> Charges,
    HashSet<string> Refunds,
    Dictionary<string, long> LifetimeValue,
    HashSet<string> Threads,
    HashSet<string> Issues,
    HashSet<string> PullRequests,
    HashSet<string> Requests)
{
    /// <summary>The first person (by email) who is a paying Stripe customer with subscriptions, Plain threads, a newsletter subscription, GitHub issues and pull requests and a Linear request.</summary>
    public static SandboxPerson360 InEveryVendor(SandboxServer sandbox)
    {
        var stripe = sandbox.Stripe.Data;
        var plain = sandbox.Plain.Data;
        var linear = sandbox.Linear.Data;
        var github = sandbox.GitHub.Data;
        var buttondown = sandbox.Buttondown.Data;
        var customers = stripe.Ids("customers").Select(id => stripe.Get("customers", id)).ToList();
        var subscriptions = stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id)).ToList();
        var invoices = stripe.Ids("invoices").Select(id => stripe.Get("invoices", id)).ToList();
        var charges = stripe.Ids("charges").Select(id => stripe.Get("charges", id)).ToList();
        var refunds = stripe.Ids("refunds").Select(id => stripe.Get("refunds", id)).ToList();
        var plainCustomers = plain.Ids("customers").Select(id => plain.Get("customers", id)).ToList();
        var threads = plain.Ids("threads").Select(id => plain.Get("threads", id)).ToList();
        var subscribers = buttondown.SubscriberIds().Select(buttondown.Subscriber).ToList();
        var issues = github.Repositories.SelectMany(r => github.Snapshot(r, "issues")!).ToList();
        var pulls = github.Repositories.SelectMany(r => github.Snapshot(r, "pulls")!).ToList();
        var requests = linear.Ids("issues").Select(id => linear.Get("issues", id)).ToList();

        var candidates = new List<SandboxPerson360>();
        var all = new List<SandboxPerson360>();
        foreach (var email in customers.Select(c => Normalise((string?)c["email"])).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var mine = customers.Where(c => Normalise((string?)c["email"]) == email).ToList();
            var stripeIds = mine.Select(c => (string)c["id"]!).Order(StringComparer.Ordinal).ToList();
            var myCharges = charges.Where(c => stripeIds.Contains((string?)c["customer"] ?? "")).ToList();
            var myPlain = plainCustomers.Where(c => Normalise((string?)c["email"]?["email"]) == email).Select(c => (string)c["id"]!).ToList();
            var mySubscribers = subscribers.Where(s => Normalise((string?)s["email_address"]) == email).ToList();
            var login = email.Split('@')[0].Replace('.', '-');
            var person = new SandboxPerson360(
                email,
                (string)mine[0]["name"]!,
                login,
                stripeIds,
                myPlain,
                [.. mySubscribers.Select(s => (string)s["id"]!)],
                mySubscribers.Count > 0 ? (string)mySubscribers[0]["type"]! : "",
                Ids(subscriptions.Where(s => stripeIds.Contains((string)s["customer"]!))),
                Ids(invoices.Where(i => stripeIds.Contains((string?)i["customer"] ?? ""))),
                Ids(myCharges),
                Ids(refunds.Where(r => myCharges.Any(c => (string)c["id"]! == (string?)r["charge"]))),
                myCharges.Where(c => (string?)c["status"] == "succeeded")
                    .GroupBy(c => ((string)c["currency"]!).ToLowerInvariant())
                    .ToDictionary(g => g.Key, g => g.Sum(c => (long)c["amount"]! - ((long?)c["amount_refunded"] ?? 0)), StringComparer.Ordinal),
                Ids(threads.Where(t => myPlain.Contains((string)t["customer"]!["id"]!))),
                Ids(issues.Where(i => string.Equals((string?)i["user"]?["login"], login, StringComparison.OrdinalIgnoreCase) && i["pull_request"] is null)),
                Ids(pulls.Where(p => string.Equals((string?)p["user"]?["login"], login, StringComparison.OrdinalIgnoreCase))),
                Ids(requests.Where(r => (string?)r["description"] is { } d
                    && (d.Contains(email, StringComparison.OrdinalIgnoreCase) || stripeIds.Any(id => d.Contains(id, StringComparison.Ordinal))))));
            all.Add(person);
            if (person is { Subscriptions.Count: > 0, Invoices.Count: > 0, Threads.Count: > 0, SubscriberIds.Count: > 0, Requests.Count: > 0 } && person.Issues.Count + person.PullRequests.Count > 0
                && person.LifetimeValue.Values.Any(v => v > 0))
            {
                candidates.Add(person);
            }
        }

        Assert.True(candidates.Count > 0, $"the sandbox should have a person in every vendor: of {all.Count}, subscriptions {all.Count(p => p.Subscriptions.Count > 0)}, threads {all.Count(p => p.Threads.Count > 0)}, "
            + $"subscribers {all.Count(p => p.SubscriberIds.Count > 0)}, github {all.Count(p => p.Issues.Count + p.PullRequests.Count > 0)}, requests {all.Count(p => p.Requests.Count > 0)}, paying {all.Count(p => p.LifetimeValue.Values.Any(v => v > 0))}");
        return candidates.OrderByDescending(c => c.Refunds.Count > 0).First();
    }

    /// <summary>Every name the sandbox's Stripe customers, Plain customers and Linear users carry, with the normalised email of its row.</summary>
    public static List<(string Name, string Email)> Names(SandboxServer sandbox)
    {
        var stripe = sandbox.Stripe.Data;
        var plain = sandbox.Plain.Data;
        var linear = sandbox.Linear.Data;
        return
        [
            .. stripe.Ids("customers").Select(id => stripe.Get("customers", id)).Select(c => ((string)c["name"]!, Normalise((string?)c["email"])!)),
            .. plain.Ids("customers").Select(id => plain.Get("customers", id)).Select(c => ((string)c["fullName"]!, Normalise((string?)c["email"]?["email"])!)),
            .. linear.Ids("users").Select(id => linear.Get("users", id)).Select(u => ((string)u["name"]!, Normalise((string?)u["email"])!)),
        ];
    }

    public void AssertMatches(CustomerRecord customer)
    {
        Assert.Equal(StripeIds, customer.Ids.StripeCustomers);
        Assert.Equal(PlainIds.Order(StringComparer.Ordinal), customer.Ids.PlainCustomers.Order(StringComparer.Ordinal));
        Assert.Equal(SubscriberIds, customer.Ids.ButtondownSubscribers);
        Assert.Equal([Login], customer.Ids.GitHubLogins);
        var stripe = customer.Stripe!;
        Assert.Equal(StripeIds, Ids(stripe.Customers).Order(StringComparer.Ordinal));
        Assert.Equal(Subscriptions.Order(StringComparer.Ordinal), Ids(stripe.Subscriptions).Order(StringComparer.Ordinal));
        Assert.All(stripe.Subscriptions, s => Assert.False(string.IsNullOrEmpty((string?)s["status"])));
        Assert.Equal(Invoices.Order(StringComparer.Ordinal), Ids(stripe.Invoices).Order(StringComparer.Ordinal));
        Assert.Equal(Charges.Order(StringComparer.Ordinal), Ids(stripe.Charges).Order(StringComparer.Ordinal));
        Assert.Equal(Refunds.Order(StringComparer.Ordinal), Ids(stripe.Refunds).Order(StringComparer.Ordinal));
        Assert.Equal(LifetimeValue.OrderBy(v => v.Key, StringComparer.Ordinal),
            customer.LifetimeValue!.ByCurrency.Select(a => KeyValuePair.Create(a.Currency, a.MinorUnits)));
        Assert.Null(customer.LifetimeValue.Reporting);
        Assert.Equal(Threads.Order(StringComparer.Ordinal), Ids(customer.Plain!.Threads).Order(StringComparer.Ordinal));
        Assert.Equal(SubscriberType, customer.Buttondown!.State);
        Assert.Equal(Issues.Order(StringComparer.Ordinal), Ids(customer.GitHub!.Issues).Order(StringComparer.Ordinal));
        Assert.Equal(PullRequests.Order(StringComparer.Ordinal), Ids(customer.GitHub.PullRequests).Order(StringComparer.Ordinal));
        Assert.Equal(Requests.Order(StringComparer.Ordinal), Ids(customer.Linear!.RequestedIssues).Order(StringComparer.Ordinal));

        var timeline = customer.Timeline;
        Assert.Equal(timeline.OrderByDescending(e => e.At).Select(e => e.At), timeline.Select(e => e.At));
        var sources = new HashSet<string>(StringComparer.Ordinal) { "stripe.customers", "stripe.subscriptions", "stripe.invoices", "stripe.charges", "plain.threads", "buttondown.subscribers", "linear.issues" };
        sources.UnionWith(new[] { ("github.issues", Issues.Count), ("github.pull_requests", PullRequests.Count) }.Where(s => s.Item2 > 0).Select(s => s.Item1));
        Assert.Superset(sources, timeline.Select(e => e.Stream).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(Charges.Order(StringComparer.Ordinal), timeline.Where(e => e.Stream == "stripe.charges").Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Threads.Order(StringComparer.Ordinal), timeline.Where(e => e.Kind == "support thread opened").Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    private static HashSet<string> Ids(IEnumerable<JsonObject> rows) => rows.Select(r => r["id"]!.ToString()).ToHashSet(StringComparer.Ordinal);

    private static string? Normalise(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
