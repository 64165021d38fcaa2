using System.Text.Json;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

public sealed class StripeFakeEventTests
{
    private const long Day = 86400;

    private static Task<SandboxServer> Start(FixedClock clock) =>
        SandboxServer.StartAsync(new SandboxOptions(Clock: clock, EnforceRateLimits: false));

    [Fact]
    public async Task Events_cover_only_the_last_30_days_and_have_stripes_shape()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);

        var events = await client.WalkAsync("v1/events");

        Assert.NotEmpty(events);
        var horizon = clock.Now.ToUnixTimeSeconds() - (30 * Day);
        Assert.All(events, e =>
        {
            Assert.StartsWith("evt_", e.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal("event", e.GetProperty("object").GetString());
            Assert.Equal("2025-02-24.acacia", e.GetProperty("api_version").GetString());
            Assert.True(e.GetProperty("created").GetInt64() >= horizon);
            Assert.Equal(JsonValueKind.Object, e.GetProperty("data").GetProperty("object").ValueKind);
            Assert.Equal(e.GetProperty("type").GetString()!.EndsWith(".updated", StringComparison.Ordinal) || e.GetProperty("type").GetString() == "charge.refunded",
                e.GetProperty("data").TryGetProperty("previous_attributes", out _));
        });
        var types = events.Select(e => e.GetProperty("type").GetString()).Distinct().ToList();
        Assert.Contains("customer.created", types);
        Assert.Contains("invoice.paid", types);
        Assert.Contains("customer.subscription.created", types);
    }

    [Fact]
    public async Task Events_older_than_30_days_are_not_returned()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        server.Stripe.Data.Create("customers");
        var before = await client.WalkAsync("v1/events");

        clock.Advance(TimeSpan.FromDays(31));
        var after = await client.WalkAsync("v1/events");
        var id = before[0].GetProperty("id").GetString();
        var (status, _, _) = await client.GetRaw($"v1/events/{id}");

        Assert.Contains(before, e => e.GetProperty("type").GetString() == "customer.created");
        Assert.Empty(after);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Events_filter_by_type_wildcard_and_types()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);

        var created = await client.WalkAsync("v1/events?type=customer.created");
        var invoiceAny = await client.WalkAsync("v1/events?type=invoice.*");
        var two = await client.WalkAsync("v1/events?types[]=charge.succeeded&types[]=charge.failed");
        var (status, body, _) = await client.GetRaw("v1/events?type=customer.created&types[]=charge.failed");

        Assert.NotEmpty(created);
        Assert.All(created, e => Assert.Equal("customer.created", e.GetProperty("type").GetString()));
        Assert.NotEmpty(invoiceAny);
        Assert.All(invoiceAny, e => Assert.StartsWith("invoice.", e.GetProperty("type").GetString(), StringComparison.Ordinal));
        Assert.True(invoiceAny.Select(e => e.GetProperty("type").GetString()).Distinct().Count() > 1);
        Assert.NotEmpty(two);
        Assert.All(two, e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "charge.succeeded", "charge.failed" }));
        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Update_emits_customer_updated_with_previous_attributes()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var data = server.Stripe.Data;
        var id = data.Ids("customers")[20];
        var oldEmail = (string)data.Get("customers", id)["email"]!;
        clock.Advance(TimeSpan.FromMinutes(5));

        data.Update("customers", id, c => c["email"] = "new.address@example.com");

        var events = await client.GetJson($"v1/events?type=customer.updated&created[gte]={clock.Now.ToUnixTimeSeconds()}");
        var updated = Assert.Single(events.GetProperty("data").EnumerateArray());
        Assert.Equal(id, updated.GetProperty("data").GetProperty("object").GetProperty("id").GetString());
        Assert.Equal("new.address@example.com", updated.GetProperty("data").GetProperty("object").GetProperty("email").GetString());
        var previous = updated.GetProperty("data").GetProperty("previous_attributes");
        Assert.Equal(oldEmail, previous.GetProperty("email").GetString());
        Assert.Single(previous.EnumerateObject());
        var listed = await client.GetJson("v1/customers?email=new.address@example.com");
        Assert.Equal(id, listed.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Delete_removes_the_object_and_emits_a_deleted_event()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var data = server.Stripe.Data;
        var id = data.Ids("customers")[0];
        var count = data.Count("customers");
        clock.Advance(TimeSpan.FromMinutes(1));

        data.Delete("customers", id);

        var customers = await client.WalkAsync("v1/customers");
        Assert.Equal(count - 1, customers.Count);
        Assert.DoesNotContain(customers, c => c.GetProperty("id").GetString() == id);
        var deleted = (await client.GetJson("v1/events?type=customer.deleted&limit=100")).GetProperty("data")
            .EnumerateArray().Single(e => e.GetProperty("data").GetProperty("object").GetProperty("id").GetString() == id);
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), deleted.GetProperty("created").GetInt64());
        var (status, body, _) = await client.GetRaw($"v1/customers?starting_after={id}");
        Assert.Equal(400, status);
        Assert.Equal($"No such customer: '{id}'", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("starting_after", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Create_adds_a_newest_object_and_a_created_event()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        clock.Advance(TimeSpan.FromSeconds(10));

        var id = server.Stripe.Data.Create("customers", c => c["metadata"] = new System.Text.Json.Nodes.JsonObject { ["plan"] = "vip" });
        var subscription = server.Stripe.Data.Create("subscriptions");

        var first = (await client.GetJson("v1/customers?limit=1")).GetProperty("data")[0];
        Assert.Equal(id, first.GetProperty("id").GetString());
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), first.GetProperty("created").GetInt64());
        Assert.Equal("vip", first.GetProperty("metadata").GetProperty("plan").GetString());
        Assert.Equal(id, server.Stripe.Data.Get("subscriptions", subscription)["customer"]!.GetValue<string>());
        var events = await client.GetJson($"v1/events?created[gte]={clock.Now.ToUnixTimeSeconds()}");
        Assert.Equal(
            new[] { "customer.created", "customer.subscription.created" },
            events.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Order());
    }

    [Fact]
    public async Task Events_render_their_object_in_the_accounts_api_version_of_the_time_they_were_created()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var data = server.Stripe.Data;
        var subscription = data.Ids("subscriptions").First(id => data.Get("subscriptions", id)["discount"] is System.Text.Json.Nodes.JsonObject);
        var invoice = data.Ids("invoices").First(id => data.Get("invoices", id)["subscription"] is not null);
        var charge = data.Ids("charges").First(id => data.Get("charges", id)["invoice"] is not null);
        clock.Advance(TimeSpan.FromMinutes(1));

        data.Update("customers", data.Ids("customers")[0], c => c["name"] = "Still Acacia");
        data.ApiVersion = "2025-03-31.basil";
        foreach (var (resource, id) in new[] { ("subscriptions", subscription), ("invoices", invoice), ("charges", charge) })
        {
            data.Update(resource, id, o => o["description"] = "basil");
        }

        data.ApiVersion = "2020-08-27";
        data.Update("subscriptions", subscription, s => s["description"] = "legacy");

        var events = (await client.GetJson($"v1/events?created[gte]={clock.Now.ToUnixTimeSeconds()}&limit=100")).GetProperty("data").EnumerateArray()
            .ToDictionary(e => (e.GetProperty("type").GetString(), e.GetProperty("data").GetProperty("object").GetProperty("description").ValueKind == JsonValueKind.String
                ? e.GetProperty("data").GetProperty("object").GetProperty("description").GetString() : "customer"));
        Assert.Equal("2025-02-24.acacia", events[("customer.updated", "customer")].GetProperty("api_version").GetString());
        var basil = events[("customer.subscription.updated", "basil")];
        Assert.Equal("2025-03-31.basil", basil.GetProperty("api_version").GetString());
        var basilSubscription = basil.GetProperty("data").GetProperty("object");
        Assert.False(basilSubscription.TryGetProperty("current_period_start", out _));
        Assert.False(basilSubscription.TryGetProperty("discount", out _));
        var item = basilSubscription.GetProperty("items").GetProperty("data")[0];
        Assert.Equal(data.Get("subscriptions", subscription)["current_period_end"]!.GetValue<long>(), item.GetProperty("current_period_end").GetInt64());
        var basilInvoice = events[("invoice.updated", "basil")].GetProperty("data").GetProperty("object");
        Assert.False(basilInvoice.TryGetProperty("subscription", out _));
        Assert.False(basilInvoice.TryGetProperty("paid", out _));
        Assert.Equal((string?)data.Get("invoices", invoice)["subscription"],
            basilInvoice.GetProperty("parent").GetProperty("subscription_details").GetProperty("subscription").GetString());
        Assert.False(events[("charge.updated", "basil")].GetProperty("data").GetProperty("object").TryGetProperty("invoice", out _));
        var legacy = events[("customer.subscription.updated", "legacy")];
        Assert.Equal("2020-08-27", legacy.GetProperty("api_version").GetString());
        Assert.False(legacy.GetProperty("data").GetProperty("object").TryGetProperty("currency", out _));
        Assert.Equal(JsonValueKind.String, (await client.GetJson($"v1/subscriptions/{subscription}")).GetProperty("currency").ValueKind);
    }

    [Fact]
    public async Task An_api_version_the_fake_does_not_render_is_refused_naming_the_ones_it_does()
    {
        await using var server = await Start(FixedClock.At2025());

        var refused = Assert.Throws<ArgumentException>(() => server.Stripe.Data.ApiVersion = "2024-06-20");

        Assert.Contains("2025-02-24.acacia, 2025-03-31.basil, 2020-08-27", refused.Message);
        Assert.Equal("2025-02-24.acacia", server.Stripe.Data.ApiVersion);
    }

    [Fact]
    public async Task A_fake_that_ignores_the_type_filter_answers_events_of_every_type()
    {
        await using var server = await Start(FixedClock.At2025());
        using var client = SandboxHttp.Client(server);
        var filtered = await client.WalkAsync("v1/events?types[]=customer.created");
        server.Stripe.IgnoreEventTypeFilter = true;

        var ignored = await client.WalkAsync("v1/events?types[]=customer.created");

        Assert.All(filtered, e => Assert.Equal("customer.created", e.GetProperty("type").GetString()));
        Assert.Contains(ignored, e => e.GetProperty("type").GetString() != "customer.created");
        Assert.Equal((await client.WalkAsync("v1/events")).Count, ignored.Count);
    }

    [Fact]
    public async Task Deleting_a_subscription_cancels_it_and_it_stays_listed_and_retrievable()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var data = server.Stripe.Data;
        var id = data.Ids("subscriptions").First(s => (string?)data.Get("subscriptions", s)["status"] == "active");
        clock.Advance(TimeSpan.FromMinutes(1));

        data.Delete("subscriptions", id);

        var retrieved = await client.GetJson($"v1/subscriptions/{id}");
        Assert.Equal("canceled", retrieved.GetProperty("status").GetString());
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), retrieved.GetProperty("ended_at").GetInt64());
        Assert.Contains(await client.WalkAsync("v1/subscriptions?status=all"), s => s.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(await client.WalkAsync("v1/subscriptions"), s => s.GetProperty("id").GetString() == id);
        var deleted = Assert.Single((await client.GetJson($"v1/events?type=customer.subscription.deleted&created[gte]={clock.Now.ToUnixTimeSeconds()}")).GetProperty("data").EnumerateArray());
        Assert.Equal("canceled", deleted.GetProperty("data").GetProperty("object").GetProperty("status").GetString());
        Assert.Throws<InvalidOperationException>(() => data.Delete("subscriptions", id));
    }

    [Fact]
    public async Task Finalizing_and_paying_an_invoice_emits_the_events_stripe_sends()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var data = server.Stripe.Data;
        clock.Advance(TimeSpan.FromMinutes(1));
        var id = data.Create("invoices");
        Assert.Throws<InvalidOperationException>(() => data.PayInvoice(id));

        data.FinalizeInvoice(id);
        data.PayInvoice(id);

        var invoice = await client.GetJson($"v1/invoices/{id}");
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), invoice.GetProperty("status_transitions").GetProperty("paid_at").GetInt64());
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), invoice.GetProperty("status_transitions").GetProperty("finalized_at").GetInt64());
        var types = (await client.GetJson($"v1/events?created[gte]={clock.Now.ToUnixTimeSeconds()}")).GetProperty("data").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal(["invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "invoice.updated", "invoice.updated"], types);
        Assert.Throws<InvalidOperationException>(() => data.Delete("invoices", id));
    }
}
