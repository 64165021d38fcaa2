using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

public sealed class StripeFakeListTests
{
    private static Task<SandboxServer> Start(FixedClock? clock = null) =>
        SandboxServer.StartAsync(new SandboxOptions(Clock: clock ?? FixedClock.At2025(), EnforceRateLimits: false));

    [Fact]
    public async Task Pagination_walks_every_customer_exactly_once()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        var customers = await client.WalkAsync("v1/customers");

        var ids = customers.Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(server.Stripe.Data.Count("customers"), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(server.Stripe.Data.Ids("customers"), ids);
        Assert.All(ids, id => Assert.Matches("^cus_[0-9A-Za-z]{14}$", id));
    }

    [Fact]
    public async Task Every_resource_pages_completely_with_a_small_limit()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        foreach (var resource in new[] { "products", "prices", "coupons", "invoices", "charges", "refunds" })
        {
            var seen = new List<string>();
            string? after = null;
            do
            {
                var page = await client.GetJson($"v1/{resource}?limit=37" + (after is null ? "" : $"&starting_after={after}"));
                Assert.Equal("list", page.GetProperty("object").GetString());
                Assert.Equal("/v1/" + resource, page.GetProperty("url").GetString());
                var data = page.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
                seen.AddRange(data);
                after = page.GetProperty("has_more").GetBoolean() ? data[^1] : null;
            }
            while (after is not null);

            Assert.Equal(server.Stripe.Data.Ids(resource), seen);
        }
    }

    [Fact]
    public async Task Lists_are_newest_first_with_ties_broken_by_id_descending()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        var invoices = await client.WalkAsync("v1/invoices");

        for (var i = 1; i < invoices.Count; i++)
        {
            var newer = invoices[i - 1];
            var older = invoices[i];
            var order = newer.GetProperty("created").GetInt64().CompareTo(older.GetProperty("created").GetInt64());
            Assert.True(order > 0 || (order == 0 && string.CompareOrdinal(newer.GetProperty("id").GetString(), older.GetProperty("id").GetString()) > 0));
        }
    }

    [Fact]
    public async Task Ending_before_returns_the_page_above_the_cursor()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        var ids = server.Stripe.Data.Ids("customers");

        var page = await client.GetJson($"v1/customers?limit=3&ending_before={ids[10]}");

        Assert.Equal(ids.Skip(7).Take(3), page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Created_filters_bound_the_list()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);
        var now = clock.Now.ToUnixTimeSeconds();
        var from = now - (90 * 86400);
        var to = now - (30 * 86400);

        var customers = await client.WalkAsync($"v1/customers?created[gte]={from}&created[lt]={to}");

        var all = await client.WalkAsync("v1/customers");
        var expected = all.Where(c => c.GetProperty("created").GetInt64() is var t && t >= from && t < to).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, customers.Count);
        Assert.All(customers, c => Assert.InRange(c.GetProperty("created").GetInt64(), from, to - 1));
        var exact = all[5].GetProperty("created").GetInt64();
        var same = await client.GetJson($"v1/customers?created={exact}");
        Assert.Contains(same.GetProperty("data").EnumerateArray(), c => c.GetProperty("id").GetString() == all[5].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_few_customers_were_created_within_the_last_day()
    {
        var clock = FixedClock.At2025();
        await using var server = await Start(clock);
        using var client = SandboxHttp.Client(server);

        var recent = await client.WalkAsync($"v1/customers?created[gt]={clock.Now.ToUnixTimeSeconds() - 86400}");

        Assert.InRange(recent.Count, 1, 10);
    }

    [Fact]
    public async Task Subscriptions_leave_out_canceled_unless_status_is_all()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        var byDefault = await client.WalkAsync("v1/subscriptions");
        var all = await client.WalkAsync("v1/subscriptions?status=all");
        var canceled = await client.WalkAsync("v1/subscriptions?status=canceled");

        Assert.DoesNotContain(byDefault, s => s.GetProperty("status").GetString() == "canceled");
        Assert.NotEmpty(canceled);
        Assert.All(canceled, s => Assert.NotEqual(0, s.GetProperty("canceled_at").GetInt64()));
        Assert.Equal(all.Count, byDefault.Count + canceled.Count);
        Assert.Equal(server.Stripe.Data.Count("subscriptions"), all.Count);
        var statuses = all.Select(s => s.GetProperty("status").GetString()).Distinct().ToList();
        Assert.Contains("active", statuses);
        Assert.Contains("past_due", statuses);
    }

    [Fact]
    public async Task Filters_select_by_customer_status_and_price()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        var sub = (await client.GetJson("v1/subscriptions?limit=1")).GetProperty("data")[0];
        var customer = sub.GetProperty("customer").GetString();
        var price = sub.GetProperty("items").GetProperty("data")[0].GetProperty("price").GetProperty("id").GetString();

        var invoices = await client.WalkAsync($"v1/invoices?customer={customer}");
        var paid = await client.WalkAsync("v1/invoices?status=paid");
        var withPrice = await client.WalkAsync($"v1/subscriptions?price={price}&status=all");
        var activePrices = await client.WalkAsync("v1/prices?active=true");

        Assert.NotEmpty(invoices);
        Assert.All(invoices, i => Assert.Equal(customer, i.GetProperty("customer").GetString()));
        Assert.All(paid, i => Assert.Equal(i.GetProperty("amount_due").GetInt64(), i.GetProperty("amount_paid").GetInt64()));
        Assert.Contains(withPrice, s => s.GetProperty("id").GetString() == sub.GetProperty("id").GetString());
        Assert.Equal(server.Stripe.Data.Count("prices") - 1, activePrices.Count);
    }

    [Fact]
    public async Task Refunds_are_consistent_with_their_charges()
    {
        await using var server = await Start(new FixedClock(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero)));
        var data = server.Stripe.Data;

        foreach (var id in data.Ids("refunds"))
        {
            var refund = data.Get("refunds", id);
            var charge = data.Get("charges", (string)refund["charge"]!);
            Assert.Equal((long)refund["amount"]!, (long)charge["amount_refunded"]!);
            Assert.Equal((long)charge["amount"]! == (long)charge["amount_refunded"]!, (bool)charge["refunded"]!);
        }
    }

    [Fact]
    public async Task Retrieve_returns_the_object_a_deleted_stub_or_404()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        var id = server.Stripe.Data.Ids("customers")[3];

        var customer = await client.GetJson($"v1/customers/{id}");
        server.Stripe.Data.DeleteWithoutEvent("customers", id);
        var stub = await client.GetJson($"v1/customers/{id}");
        var (status, missing, _) = await client.GetRaw("v1/invoices/in_doesnotexist");

        Assert.Equal(id, customer.GetProperty("id").GetString());
        Assert.Equal("customer", customer.GetProperty("object").GetString());
        Assert.False(customer.GetProperty("livemode").GetBoolean());
        Assert.True(stub.GetProperty("deleted").GetBoolean());
        Assert.Equal(404, status);
        Assert.Equal("resource_missing", missing.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("No such invoice: 'in_doesnotexist'", missing.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Stripe_is_served_at_the_root_and_under_its_prefix()
    {
        await using var server = await Start();
        using var root = new HttpClient { BaseAddress = server.BaseUrl };
        root.DefaultRequestHeaders.Authorization = new("Bearer", SandboxHttp.Key);
        using var prefixed = SandboxHttp.Client(server);

        var a = await root.GetStringAsync("/v1/customers?limit=5");
        var b = await prefixed.GetStringAsync("v1/customers?limit=5");

        Assert.Equal(new Uri(server.BaseUrl, "/stripe"), server.VendorUrls["stripe"]);
        Assert.Equal(a, b);
        Assert.Equal(["/v1/customers?limit=5", "/v1/customers?limit=5"], server.Stripe.RequestLog);
    }
}
