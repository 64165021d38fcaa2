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
}
