using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Demo;
using Greenhouse.Sandbox.Stripe;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sandbox;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Demo;

/// <summary>
/// The demo's dbt project builds on both warehouses from a synced sandbox, and its models say what the sandbox's own
/// data say, computed here in C# from the fakes.
/// </summary>
public sealed class DemoProjectTests
{
    private static readonly SandboxVendor[] Vendors =
        [SandboxVendor.Stripe, SandboxVendor.Plain, SandboxVendor.Buttondown, SandboxVendor.GitHub, SandboxVendor.Linear, SandboxVendor.Ecb];

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Every_node_builds_and_the_models_match_the_sandboxs_data(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(Vendors, kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var build = new Build(harness);

        var result = await build.RunAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(DemoProject.Files.Count(f => f.EndsWith(".sql", StringComparison.Ordinal) && f.StartsWith("models/", StringComparison.Ordinal)) + 1,
            result.Nodes.Count(n => n.Materialization != "test"));
        // Its generic tests (keys unique and not null, facts related to customers, statuses accepted) pass on the sandbox's data.
        Assert.All(result.Nodes, n => Assert.True(n.Status == ModelRunStatus.Succeeded, $"{n.Node}: {n.Error}"));
        Assert.Superset(new HashSet<string?> { "unique", "not_null", "relationships", "accepted_values", "unique_combination_of_columns", "accepted_range" },
            result.Tests.Select(t => t.Node.Test!.TestName).ToHashSet());

        var sandbox = harness.Sandbox;
        var stripe = sandbox.Stripe.Data;
        var emails = stripe.Ids("customers").Select(id => (string?)stripe.Get("customers", id)["email"])
            .Concat(sandbox.Plain.Data.Ids("customers").Select(id => (string?)sandbox.Plain.Data.Get("customers", id)["email"]?["email"]))
            .Concat(sandbox.Buttondown.Data.SubscriberIds().Select(id => (string?)sandbox.Buttondown.Data.Subscriber(id)["email_address"]))
            .Concat(sandbox.Linear.Data.Ids("users").Select(id => (string?)sandbox.Linear.Data.Get("users", id)["email"]))
            .Select(Normalise).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var people = await build.RowsAsync("select email from dim_customers");
        Assert.Equal(emails.Count, people.Count);
        Assert.Equal(emails.Order(StringComparer.Ordinal), people.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));

        var emailOf = stripe.Ids("customers").ToDictionary(id => id, id => Normalise((string?)stripe.Get("customers", id)["email"]), StringComparer.Ordinal);
        var lifetime = stripe.Ids("charges").Select(id => stripe.Get("charges", id))
            .Where(c => (string?)c["status"] == "succeeded" && c["customer"] is not null && emailOf.GetValueOrDefault((string)c["customer"]!) is not null)
            .GroupBy(c => emailOf[(string)c["customer"]!]!)
            .ToDictionary(g => g.Key, g => g.Sum(c => (long)c["amount"]! - ((long?)c["amount_refunded"] ?? 0)), StringComparer.Ordinal);
        Assert.True(lifetime.Count > 5, "the sandbox should have paying customers");
        var modelled = (await build.RowsAsync("select email, lifetime_value from dim_customers where lifetime_value <> 0"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(lifetime.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal), modelled.OrderBy(p => p.Key, StringComparer.Ordinal));

        var plain = sandbox.Plain.Data;
        var plainEmail = plain.Ids("customers").ToDictionary(id => id, id => Normalise((string?)plain.Get("customers", id)["email"]?["email"]), StringComparer.Ordinal);
        var open = plain.Ids("threads").Select(id => plain.Get("threads", id)).Where(t => (string?)t["status"] != "DONE")
            .GroupBy(t => plainEmail[(string)t["customer"]!["id"]!]!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var modelledOpen = (await build.RowsAsync("select email, open_support_threads from dim_customers where open_support_threads > 0"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(open.OrderBy(p => p.Key, StringComparer.Ordinal), modelledOpen.OrderBy(p => p.Key, StringComparer.Ordinal));

        var linear = sandbox.Linear.Data;
        var descriptions = linear.Ids("issues").Select(id => (string?)linear.Get("issues", id)["description"] ?? "").ToList();
        var requested = emailOf.Where(p => p.Value is not null)
            .Select(p => (Email: p.Value!, Count: descriptions.Count(d => d.Contains(p.Key, StringComparison.Ordinal))))
            .Where(p => p.Count > 0).GroupBy(p => p.Email).ToDictionary(g => g.Key, g => g.Sum(p => p.Count), StringComparer.Ordinal);
        Assert.True(requested.Count > 3, "the sandbox's customers should have asked for backlog items");
        var modelledRequests = (await build.RowsAsync("select email, backlog_items_requested from dim_customers where backlog_items_requested > 0"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(requested.OrderBy(p => p.Key, StringComparer.Ordinal), modelledRequests.OrderBy(p => p.Key, StringComparer.Ordinal));

        var month = Month(build.RunStartedAt);
        var expected = ExpectedMrr(stripe, month);
        var customer = expected.Where(p => p.Value.Count(r => r.Mrr > 0) >= 3).Select(p => p.Key).Order(StringComparer.Ordinal).First();
        Assert.Equal(expected[customer], await build.MrrAsync(customer));
        var total = expected.Values.SelectMany(r => r).Where(r => r.Month == month).Sum(r => r.Mrr);
        Assert.True(total > 0, "the sandbox should have MRR this month");
        Assert.Equal(total, Convert.ToInt64((await build.RowsAsync($"select sum(mrr) from fct_mrr where {MonthIs(month)}")).Single()[0], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_upgrade_between_syncs_is_expansion_and_a_cancellation_is_churn(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(Vendors, kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var build = new Build(harness);
        Assert.Equal(RunStatus.Succeeded, (await build.RunAsync()).Status);
        var stripe = harness.Sandbox.Stripe.Data;
        var month = Month(build.RunStartedAt);
        var previous = month.AddMonths(-1);
        var before = ExpectedMrr(stripe, month);
        // Customers with one monthly subscription that brought MRR last month and this month.
        var steady = before
            .Where(p => p.Value.Any(r => r.Month == previous && r.Mrr > 0) && p.Value.Any(r => r.Month == month && r.Mrr > 0))
            .Select(p => p.Key)
            .Where(c => Subscriptions(stripe, c) is [var s] && (string?)s["status"] == "active" && Interval(stripe, s) == 1)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(steady.Count >= 2, $"the sandbox should have steady monthly customers: {steady.Count}");
        var (upgrader, leaver) = (steady[0], steady[1]);
        Assert.Equal(before[upgrader], await build.MrrAsync(upgrader));

        var subscription = Subscriptions(stripe, upgrader).Single();
        var upgraded = 2 * Invoices(stripe, (string)subscription["id"]!).Max(i => (long)i["total"]!);
        stripe.Create("invoices", invoice =>
        {
            invoice["customer"] = upgrader;
            invoice["subscription"] = (string)subscription["id"]!;
            invoice["currency"] = (string)subscription["currency"]!;
            invoice["status"] = "paid";
            invoice["total"] = upgraded;
            invoice["amount_due"] = upgraded;
            invoice["amount_paid"] = upgraded;
            invoice["amount_remaining"] = 0;
        });
        var canceled = (string)Subscriptions(stripe, leaver).Single()["id"]!;
        stripe.Delete("subscriptions", canceled);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        Assert.Equal(RunStatus.Succeeded, (await build.RunAsync()).Status);

        var after = ExpectedMrr(stripe, month);
        var upgrade = after[upgrader];
        Assert.Equal(new MrrRow(month, upgraded, upgrade.Single(r => r.Month == previous).Mrr, "expansion"), upgrade[^1]);
        Assert.Equal(upgrade, await build.MrrAsync(upgrader));
        var leaving = after[leaver];
        Assert.Equal(new MrrRow(month, 0, before[leaver].Single(r => r.Month == previous).Mrr, "churn"), leaving[^1]);
        Assert.Equal(leaving, await build.MrrAsync(leaver));
    }

    [Fact]
    public async Task Fct_mrr_holds_the_same_rows_on_sqlite_and_postgresql_for_one_sandbox()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var rows = new List<List<string>>();
        foreach (var kind in new[] { "sqlite", "postgresql" })
        {
            await using var harness = await SourceHarness.StartAsync(Vendors, kind, new SandboxOptions(Clock: new FixedClock(now), EnforceRateLimits: false));
            Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
            var build = new Build(harness, now);
            Assert.Equal(RunStatus.Succeeded, (await build.RunAsync()).Status);
            rows.Add([.. (await build.RowsAsync("""
                select cast(month as varchar(10)), customer_id, plan, currency, mrr, previous_mrr, movement, reporting_currency, mrr_reporting
                from fct_mrr order by customer_id, month
                """)).Select(r => string.Join("|", r.Select(Text)))]);
        }

        Assert.True(rows[0].Count > 50, $"fct_mrr should have rows: {rows[0].Count}");
        Assert.Equal(rows[0], rows[1]);
    }

    /// <summary>Amounts as the same text on both warehouses: numbers rounded to cents, the rest as written.</summary>
    private static string Text(object? value) => value switch
    {
        null => "∅",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IConvertible c => Convert.ToDecimal(c, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string MonthIs(DateOnly month) => $"cast(month as varchar(10)) = '{month:yyyy-MM-dd}'";

    private static string? Normalise(string? email) => email?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : null;

    private static DateOnly Month(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);

    private static DateOnly MonthOf(JsonNode? unixSeconds) => Month(DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds!));

    private static List<JsonObject> Subscriptions(StripeFakeData stripe, string customer) =>
        [.. stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id)).Where(s => (string?)s["customer"] == customer)];

    private static List<JsonObject> Invoices(StripeFakeData stripe, string subscription) =>
        [.. stripe.Ids("invoices").Select(id => stripe.Get("invoices", id))
            .Where(i => ((string?)i["subscription"] ?? (string?)i["parent"]?["subscription_details"]?["subscription"]) == subscription)];

    /// <summary>Months per billing period of the subscription's price (12 for yearly).</summary>
    private static int Interval(StripeFakeData stripe, JsonObject subscription)
    {
        var price = subscription["items"]!["data"]![0]!["price"]!;
        var recurring = (price is JsonObject p ? p : stripe.Get("prices", (string)price!))["recurring"]!;
        var count = (int?)recurring["interval_count"] ?? 1;
        return (string?)recurring["interval"] == "year" ? 12 * count : count;
    }

    /// <summary>
    /// fct_mrr's rows by customer, from the fake's objects: a subscription counts from its billing start's month (trial
    /// end, else start) to the month it ended, at its latest non-void invoice by then over the billing period.
    /// </summary>
    private static Dictionary<string, List<MrrRow>> ExpectedMrr(StripeFakeData stripe, DateOnly current)
    {
        var subscriptions = stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id))
            .Where(s => (string?)s["status"] is not ("incomplete" or "incomplete_expired")).ToList();
        var invoices = stripe.Ids("invoices").Select(id => stripe.Get("invoices", id)).Where(i => (string?)i["status"] != "void")
            .GroupBy(i => (string?)i["subscription"] ?? (string?)i["parent"]?["subscription_details"]?["subscription"] ?? "")
            .ToDictionary(g => g.Key, g => g.OrderBy(i => (long)i["created"]!).ThenBy(i => (string)i["id"]!, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var first = subscriptions.Min(s => MonthOf(s["start_date"]));
        var months = new List<DateOnly>();
        for (var m = first; m <= current; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        var result = new Dictionary<string, List<MrrRow>>(StringComparer.Ordinal);
        foreach (var byCustomer in subscriptions.GroupBy(s => (string)s["customer"]!))
        {
            var mrr = months.Select(m => byCustomer.Sum(s =>
            {
                var end = (string?)s["status"] == "canceled" ? s["ended_at"] ?? s["canceled_at"] : s["ended_at"];
                if (MonthOf(s["trial_end"] ?? s["start_date"]) > m || (end is not null && MonthOf(end) <= m))
                {
                    return 0L;
                }

                var latest = invoices.GetValueOrDefault((string)s["id"]!)?.LastOrDefault(i => MonthOf(i["created"]) <= m);
                return latest is null ? 0L : (long)Math.Round((long)latest["total"]! / (decimal)Interval(stripe, s), MidpointRounding.AwayFromZero);
            })).ToList();
            var rows = new List<MrrRow>();
            var start = mrr.FindIndex(v => v > 0);
            for (var k = start; start >= 0 && k < months.Count; k++)
            {
                var before = k > start ? mrr[k - 1] : 0;
                var earlier = k > start && mrr.Take(k).Any(v => v > 0);
                if (mrr[k] == 0 && before == 0)
                {
                    continue;
                }

                var movement = (mrr[k], before) switch
                {
                    ( > 0, 0) when earlier => "reactivation",
                    ( > 0, 0) => "new",
                    (0, _) => "churn",
                    var (now, then) when now > then => "expansion",
                    var (now, then) when now < then => "contraction",
                    _ => "retained",
                };
                rows.Add(new MrrRow(months[k], mrr[k], before, movement));
            }

            if (rows.Count > 0)
            {
                result[byCustomer.Key] = rows;
            }
        }

        return result;
    }

    private sealed record MrrRow(DateOnly Month, long Mrr, long PreviousMrr, string Movement);

    /// <summary>The demo project written into the harness's folder and built into a model schema of the test's own.</summary>
    private sealed class Build(SourceHarness harness, DateTimeOffset? runStartedAt = null)
    {
        private readonly string _folder = DemoProject.WriteTo(Path.Combine(harness.Directory, "transform"));
        private readonly string _schema = harness.Warehouse.ModelSchema();

        public DateTimeOffset RunStartedAt { get; } = runStartedAt ?? DateTimeOffset.UtcNow;

        public async Task<TransformRunResult> RunAsync()
        {
            await using var warehouse = harness.Warehouse.Open();
            var project = DemoProject.Parse(_folder, harness.LoadConfig(), warehouse, RunStartedAt, _schema);
            return await new TransformRunner(warehouse, TimeProvider.System).RunAsync(project.TransformNodes, new TransformRunOptions(Trigger: "test"));
        }

        /// <summary>Rows of <paramref name="sql"/>, where <c>fct_mrr</c> and <c>dim_customers</c> name the models.</summary>
        public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql)
        {
            await using var warehouse = harness.Warehouse.Open();
            foreach (var model in new[] { "fct_mrr", "dim_customers" })
            {
                sql = sql.Replace($"from {model}", $"from {warehouse.ModelRelation(_schema, model).Sql}", StringComparison.Ordinal);
            }

            return [.. (await warehouse.QueryAsync(sql)).Rows];
        }

        public async Task<List<MrrRow>> MrrAsync(string customer) =>
        [
            .. (await RowsAsync($"select cast(month as varchar(10)), mrr, previous_mrr, movement from fct_mrr where customer_id = '{customer}' order by month"))
                .Select(r => new MrrRow(
                    DateOnly.ParseExact((string)r[0]!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
                    Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
                    (string)r[3]!)),
        ];
    }
}
