using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greenhouse.Config;
using Greenhouse.Customers;
using Greenhouse.Query;
using Greenhouse.Questions;
using Greenhouse.Sandbox;
using Greenhouse.Serve;
using Greenhouse.Serve.Ui;
using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Greenhouse.Bench;

/// <summary>
/// <c>ui</c>: the web UI's pages rendered server-side by the real <c>serve</c> host, logged in over HTTP as a person
/// is, on the medium sandbox synced into PostgreSQL: the health page, a dashboard of 6 question cards and the customer
/// 360 page (target p95 &lt; 150 ms each), against the login page (no data) measured in the same run. Then 1,000,000
/// Stripe customers are added and the 360 search (<see cref="CustomerService.SearchAsync"/>: who matches, by email and by
/// <c>cus_</c> id) is timed (target p95 &lt; 50 ms) against a primary-key read of the same table through the same
/// read-only path; the whole record's lookup and the page at that size are printed beside it.
/// </summary>
internal static partial class UiBenchmark
{
    private const string Password = "bench password 1234";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = BenchArgs.DatabaseUrl();
        var size = Enum.Parse<SandboxSize>(BenchArgs.String(args, "--size", "medium"), ignoreCase: true);
        var requests = BenchArgs.Int(args, "--requests", 100);
        var customers = BenchArgs.Int(args, "--customers", 1_000_000);
        var schema = $"bench_ui_{DateTime.UtcNow:yyyyMMddHHmmss}";
        Console.WriteLine($"ui: the {size.ToString().ToLowerInvariant()} sandbox synced into PostgreSQL schema {schema}; {requests} requests per page; then {customers:N0} Stripe customers; {Environment.ProcessorCount} cores");
        await using var sandbox = await SandboxChild.StartAsync(size, TimeSpan.Zero);
        var config = new GreenhouseConfig("(bench)", WarehouseSetting.Parse(url), schema, WhenRunning.Fail, SandboxSources.For(sandbox.VendorUrls, requestsPerSecond: null, "ui"))
        {
            Connectors = BuiltInConnectors.Create(),
        };
        await using var owner = NpgsqlDataSource.Create(BenchArgs.NpgsqlConnectionString(url));
        try
        {
            await using var warehouse = WarehouseFactory.Open(config);
            var sync = Stopwatch.StartNew();
            var summary = await new SyncService(config, warehouse).RunAsync(new SyncRequest(Trigger: "bench"));
            Console.WriteLine($"  synced {summary.Streams.Sum(s => s.Records):N0} records ({summary.Status}) in {sync.Elapsed.TotalSeconds:0.0} s");
            await new UserService(warehouse, TimeProvider.System).AddAsync("bench@example.com", "admin", Password);
            var dashboard = await DashboardAsync(warehouse, schema);
            var person = await PersonAsync(warehouse, schema);

            await using var app = GreenhouseHost.Build(config, "http://127.0.0.1:0", new ServeOptions { Schedule = false },
                services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var anonymous = new HttpClient { BaseAddress = address };
            using var client = await LogInAsync(address);
            var pages = new (string Name, HttpClient Client, string Path)[]
            {
                ("login page (baseline, no data)", anonymous, "/login"),
                ("health", client, "/"),
                ("dashboard of 6 cards", client, $"/dashboards/{dashboard}"),
                ("customer 360", client, $"/customers?q={Uri.EscapeDataString(person)}"),
            };
            var timings = await PagesAsync(pages, requests);

            // 1,000,000 Stripe customers, then the 360 search by email and by id against a primary-key read.
            var land = Stopwatch.StartNew();
            await LandCustomersAsync(warehouse, customers);
            await using (var analyze = owner.CreateCommand($"ANALYZE \"{schema}\".stripe_customers"))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            Console.WriteLine($"  landed {customers:N0} more Stripe customers in {land.Elapsed.TotalSeconds:0.0} s");
            var service = new CustomerService(config, warehouse);
            var table = warehouse.TableSql(new StreamDescriptor("stripe", new StripeConnector().Catalog.Single(d => d.Name == "customers")));
            var random = new Random(7);
            var keyRead = await TimeAsync(requests, async _ => (await warehouse.QueryAsync($"SELECT * FROM {table} WHERE id = 'cus_{random.Next(customers):D14}'", QueryService.Read(10))).Rows.Count == 1);
            var byEmail = await TimeAsync(requests, async _ => (await service.SearchAsync(Email(random.Next(customers)))).Count == 1);
            var byId = await TimeAsync(requests, async _ => (await service.SearchAsync($"cus_{random.Next(customers):D14}")).Count == 1);
            var record = await TimeAsync(requests, async _ => (await service.LookupAsync(Email(random.Next(customers)))).Outcome == CustomerLookup.Found);
            var pageAtScale = (await PagesAsync([("customer 360 page (one person)", client, $"/customers?q={Uri.EscapeDataString(Email(42))}")], requests))[0];

            Console.WriteLine();
            Console.WriteLine($"  {"",-46}{"p50 ms",10}{"p95 ms",10}{"× baseline",12}");
            var baseline = timings[0];
            foreach (var (page, timing) in pages.Zip(timings))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {page.Name,-46}{timing.P50,10:0.0}{timing.P95,10:0.0}{timing.P95 / baseline.P95,11:0.00}×"));
            }

            var pagesPass = timings.Skip(1).All(t => t.P95 < 150);
            Console.WriteLine($"  target: each page p95 < 150 ms: {Verdict(pagesPass)}");
            Console.WriteLine();
            Console.WriteLine($"  at {customers:N0} + the sandbox's Stripe customers:");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"primary-key read (baseline)",-46}{keyRead.P50,10:0.0}{keyRead.P95,10:0.0}{1,11:0.00}×"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"360 search by email",-46}{byEmail.P50,10:0.0}{byEmail.P95,10:0.0}{byEmail.P95 / keyRead.P95,11:0.00}×"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"360 search by cus_ id",-46}{byId.P50,10:0.0}{byId.P95,10:0.0}{byId.P95 / keyRead.P95,11:0.00}×"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"360 lookup with the whole record (not a target)",-46}{record.P50,10:0.0}{record.P95,10:0.0}{record.P95 / keyRead.P95,11:0.00}×"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"customer 360 page, rendered (one person)",-46}{pageAtScale.P50,10:0.0}{pageAtScale.P95,10:0.0}{pageAtScale.P95 / keyRead.P95,11:0.00}×"));
            var searchPass = byEmail.P95 < 50 && byId.P95 < 50;
            Console.WriteLine($"  target: the 360 search p95 < 50 ms: {Verdict(searchPass)}");
            Console.WriteLine();
            Console.WriteLine(new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["sandbox"] = size.ToString().ToLowerInvariant(),
                ["records_synced"] = summary.Streams.Sum(s => s.Records),
                ["requests"] = requests,
                ["login_p95_ms"] = Round(baseline.P95),
                ["health_p50_ms"] = Round(timings[1].P50),
                ["health_p95_ms"] = Round(timings[1].P95),
                ["dashboard_p50_ms"] = Round(timings[2].P50),
                ["dashboard_p95_ms"] = Round(timings[2].P95),
                ["customer_page_p50_ms"] = Round(timings[3].P50),
                ["customer_page_p95_ms"] = Round(timings[3].P95),
                ["pages_pass"] = pagesPass,
                ["customers"] = customers,
                ["key_read_p95_ms"] = Round(keyRead.P95),
                ["search_email_p50_ms"] = Round(byEmail.P50),
                ["search_email_p95_ms"] = Round(byEmail.P95),
                ["search_id_p50_ms"] = Round(byId.P50),
                ["search_id_p95_ms"] = Round(byId.P95),
                ["record_lookup_p95_ms"] = Round(record.P95),
                ["customer_page_at_scale_p95_ms"] = Round(pageAtScale.P95),
                ["search_pass"] = searchPass,
                ["peak_rss_mb"] = Math.Round(BenchArgs.PeakRssMb(), 1),
            }.ToJsonString());
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var drop = owner.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private sealed record Timings(double P50, double P95);

    /// <summary>Each page's timings, the pages interleaved request by request after 10 warm-up rounds; a page that does not answer 200 stops the benchmark.</summary>
    private static async Task<List<Timings>> PagesAsync((string Name, HttpClient Client, string Path)[] pages, int requests)
    {
        var times = pages.Select(_ => new List<double>(requests)).ToList();
        for (var i = -10; i < requests; i++)
        {
            for (var p = 0; p < pages.Length; p++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await pages[p].Client.GetAsync(pages[p].Path);
                var body = await response.Content.ReadAsStringAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || body.Contains("role=\"alert\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{pages[p].Path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
                }

                if (i >= 0)
                {
                    times[p].Add(ms);
                }
            }
        }

        return [.. times.Select(t => new Timings(BenchArgs.Percentile(t, 0.5), BenchArgs.Percentile(t, 0.95)))];
    }

    private static async Task<Timings> TimeAsync(int requests, Func<int, Task<bool>> call)
    {
        var times = new List<double>(requests);
        for (var i = -5; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await call(i))
            {
                throw new InvalidOperationException("a timed lookup did not find what it looked for");
            }

            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return new Timings(BenchArgs.Percentile(times, 0.5), BenchArgs.Percentile(times, 0.95));
    }

    /// <summary>A cookie session, logged in through the login form as a browser does (its antiforgery token included).</summary>
    private static async Task<HttpClient> LogInAsync(Uri address)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = address };
        var form = await client.GetStringAsync("/login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Email"] = "bench@example.com";
        fields["Input.Password"] = Password;
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(fields));
        var page = await response.Content.ReadAsStringAsync();
        if (!page.Contains("Log out", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"logging in failed: {(int)response.StatusCode} {page[..Math.Min(page.Length, 400)]}");
        }

        return client;
    }

    /// <summary>Six questions over the landed tables, on one dashboard; its id.</summary>
    private static async Task<long> DashboardAsync(IWarehouse warehouse, string schema)
    {
        var store = new QuestionStore(warehouse);
        var dashboard = await store.AddDashboardAsync("Bench", "Core dashboards");
        var s = $"\"{schema}\"";
        string[] questions =
        [
            $"SELECT currency, COUNT(*) AS customers FROM {s}.stripe_customers GROUP BY currency ORDER BY currency",
            $"SELECT status, COUNT(*) AS invoices FROM {s}.stripe_invoices GROUP BY status ORDER BY status",
            $"SELECT date_trunc('month', created) AS month, SUM(amount) AS charged FROM {s}.stripe_charges GROUP BY 1 ORDER BY 1",
            $"SELECT status, COUNT(*) AS subscriptions FROM {s}.stripe_subscriptions GROUP BY status ORDER BY status",
            $"SELECT status, COUNT(*) AS threads FROM {s}.plain_threads GROUP BY status ORDER BY status",
            $"SELECT COUNT(*) AS subscribers FROM {s}.buttondown_subscribers",
        ];
        for (var i = 0; i < questions.Length; i++)
        {
            var id = await store.SaveQuestionAsync(new SavedQuestion(0, $"Bench question {i + 1}", "Core dashboards", questions[i], null, null, null, "bench", DateTimeOffset.UtcNow));
            await store.AddCardAsync(dashboard, id);
        }

        return dashboard;
    }

    /// <summary>A sandbox person who is a Stripe customer and has Plain threads: the 360 page's worst ordinary case.</summary>
    private static async Task<string> PersonAsync(IWarehouse warehouse, string schema)
    {
        var rows = await warehouse.QueryAsync(
            $"SELECT lower(c.email) FROM \"{schema}\".stripe_customers c JOIN \"{schema}\".plain_customers p ON lower(p.email) = lower(c.email) "
            + $"JOIN \"{schema}\".plain_threads t ON t.customer_id = p.id GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1");
        return rows.Rows.Count == 1 ? (string)rows.Rows[0][0]! : throw new InvalidOperationException("the sandbox has no Stripe customer with Plain threads");
    }

    private static async Task LandCustomersAsync(IWarehouse warehouse, int count)
    {
        var stream = new StreamDescriptor("stripe", new StripeConnector().Catalog.Single(d => d.Name == "customers"));
        var now = DateTimeOffset.UtcNow;
        var runId = await warehouse.BeginRunAsync("bench", now);
        await warehouse.BeginStreamRunAsync(runId, stream.FullName, SyncMode.Incremental, now);
        var rows = new List<RecordRow>(5_000);
        foreach (var row in CustomerGenerator.Rows(count, now))
        {
            rows.Add(row);
            if (rows.Count == 5_000)
            {
                await warehouse.CommitBatchAsync(new BatchCommit(stream, runId, rows, "", new JsonObject(), false, false, false, 1, 0, DateTimeOffset.UtcNow));
                rows = new List<RecordRow>(5_000);
            }
        }

        if (rows.Count > 0)
        {
            await warehouse.CommitBatchAsync(new BatchCommit(stream, runId, rows, "", new JsonObject(), false, false, false, 1, 0, DateTimeOffset.UtcNow));
        }

        await warehouse.FinishStreamRunAsync(runId, stream.FullName, RunStatus.Succeeded, null, DateTimeOffset.UtcNow);
        await warehouse.FinishRunAsync(runId, RunStatus.Succeeded, DateTimeOffset.UtcNow);
    }

    /// <summary>The email <see cref="CustomerGenerator"/> gives customer <paramref name="i"/>.</summary>
    private static string Email(int i) => CustomerGenerator.Email(i);

    private static double Round(double value) => Math.Round(value, 3);

    private static string Verdict(bool ok) => ok ? "PASS" : "MISSED";

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
