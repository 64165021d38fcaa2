using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Serve;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Greenhouse.Bench;

/// <summary>
/// <c>webhooks</c>: the receiver runs in a child process (<c>webhook-server</c>: the same minimal app as the tests,
/// PostgreSQL from GREENHOUSE_DATABASE_URL in a fresh schema); N signed Stripe <c>customer.updated</c> events with
/// distinct ids go to it at increasing concurrency, timing each request to its answer. Then every acknowledged id
/// must be in <c>_gh_events</c> exactly once. Second phase: the child is SIGKILLed mid-burst, restarted, and every
/// event acknowledged before the kill must still be there.
/// </summary>
internal static class WebhookBenchmark
{
    private const string Secret = "whsec_bench_0123456789abcdef";
    private const string SecretVariable = "GH_BENCH_WEBHOOK_SECRET";
    private static readonly int[] Concurrency = [8, 32, 64];

    public static async Task<int> RunAsync(string[] args)
    {
        var events = BenchArgs.Int(args, "--events", 20_000);
        var url = BenchArgs.DatabaseUrl();
        var schema = $"bench_wh_{DateTime.UtcNow:yyyyMMddHHmmss}";
        Console.WriteLine($"webhooks: {events:N0} signed Stripe customer.updated events, concurrency {string.Join(", ", Concurrency)}, receiver in a child process, PostgreSQL schema {schema}");
        await using var dataSource = NpgsqlDataSource.Create(BenchArgs.NpgsqlConnectionString(url));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var sender = new WebhookSender(http, Secret);
        try
        {
            var results = new List<(int Concurrency, int Sent, double Seconds, double P50, double P99)>();
            var acked = new ConcurrentBag<string>();
            var next = 0;
            await using (var child = await ChildServer.StartAsync(url, schema))
            {
                foreach (var concurrency in Concurrency)
                {
                    var share = events / Concurrency.Length + (concurrency == Concurrency[^1] ? events % Concurrency.Length : 0);
                    var from = next;
                    next += share;
                    var (seconds, latencies) = await BurstAsync(sender, child.Url, from, share, concurrency, acked, CancellationToken.None);
                    latencies.Sort();
                    results.Add((concurrency, share, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99)));
                }
            }

            var stored = await StoredIdsAsync(dataSource, schema);
            var lost = acked.Count(id => !stored.Counts.ContainsKey(id));
            var duplicated = stored.Counts.Values.Sum(c => c - 1);

            // Phase 2: SIGKILL mid-burst; what was acknowledged before must survive.
            var ackedBeforeKill = new ConcurrentBag<string>();
            var killBurst = Math.Max(events / 4, 1000);
            int killedAfter;
            await using (var child = await ChildServer.StartAsync(url, schema))
            {
                using var stop = new CancellationTokenSource();
                var burst = BurstAsync(sender, child.Url, next, killBurst, 32, ackedBeforeKill, stop.Token);
                while (ackedBeforeKill.Count < killBurst / 3 && !burst.IsCompleted)
                {
                    await Task.Delay(5);
                }

                child.Kill();
                killedAfter = ackedBeforeKill.Count;
                await stop.CancelAsync();
                try
                {
                    await burst;
                }
                catch (OperationCanceledException)
                {
                    // The burst stops once the receiver is gone.
                }
            }

            var ackedSnapshot = ackedBeforeKill.ToList();
            await using (var restarted = await ChildServer.StartAsync(url, schema))
            {
                // The restarted receiver answers; its first answer proves it is up again.
                using var probe = await sender.SendStripeAsync(restarted.Url, Event("evt_bench_probe", "cus_probe", 1));
                if (probe.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"The restarted receiver answered {(int)probe.StatusCode}.");
                }
            }

            var afterKill = await StoredIdsAsync(dataSource, schema);
            var lostAfterKill = ackedSnapshot.Count(id => !afterKill.Counts.ContainsKey(id));

            Console.WriteLine();
            Console.WriteLine($"{"concurrency",12}{"events",10}{"seconds",10}{"events/s",12}{"p50 ms",10}{"p99 ms",10}");
            foreach (var r in results)
            {
                Console.WriteLine($"{r.Concurrency,12}{r.Sent,10:N0}{r.Seconds,10:0.00}{r.Sent / r.Seconds,12:N0}{r.P50,10:0.0}{r.P99,10:0.0}");
            }

            var best = results.MaxBy(r => r.Sent / r.Seconds);
            var eventsPerSecond = best.Sent / best.Seconds;
            var p99 = best.P99;
            Console.WriteLine();
            Console.WriteLine($"acknowledged {acked.Count:N0} of {events:N0}; in _gh_events: lost {lost}, duplicated {duplicated}");
            Console.WriteLine($"kill -9 after {killedAfter:N0} acknowledged events (of a burst of {killBurst:N0}); {ackedSnapshot.Count:N0} acknowledged in all before the kill; lost after restart: {lostAfterKill}");
            Console.WriteLine($"targets: ≥ 2,000 events/s: {eventsPerSecond:N0} {(eventsPerSecond >= 2000 ? "ok" : "MISSED")}; " +
                              $"p99 < 50 ms: {p99:0.0} {(p99 < 50 ? "ok" : "MISSED")}; " +
                              $"lost 0: {lost} {(lost == 0 ? "ok" : "MISSED")}; duplicated 0: {duplicated} {(duplicated == 0 ? "ok" : "MISSED")}; " +
                              $"lost after kill 0: {lostAfterKill} {(lostAfterKill == 0 ? "ok" : "MISSED")}");

            var levels = new JsonArray();
            foreach (var r in results)
            {
                levels.Add(new JsonObject
                {
                    ["concurrency"] = r.Concurrency,
                    ["events"] = r.Sent,
                    ["events_per_second"] = Math.Round(r.Sent / r.Seconds),
                    ["p50_ms"] = Math.Round(r.P50, 2),
                    ["p99_ms"] = Math.Round(r.P99, 2),
                });
            }

            Console.WriteLine(new JsonObject
            {
                ["events"] = events,
                ["events_per_second"] = Math.Round(eventsPerSecond),
                ["p50_ms"] = Math.Round(best.P50, 2),
                ["p99_ms"] = Math.Round(p99, 2),
                ["at_concurrency"] = best.Concurrency,
                ["acknowledged"] = acked.Count,
                ["lost"] = lost,
                ["duplicated"] = duplicated,
                ["acknowledged_before_kill"] = ackedSnapshot.Count,
                ["lost_after_kill"] = lostAfterKill,
                ["levels"] = levels,
            }.ToJsonString());
            return 0;
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The hidden child: the receiver as the tests build it, printing its URL on the first line of stdout.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var schema = args.SkipWhile(a => a != "--schema").Skip(1).FirstOrDefault() ?? throw new InvalidOperationException("webhook-server needs --schema.");
        var directory = Directory.CreateTempSubdirectory("gh-bench-wh-");
        var path = Path.Combine(directory.FullName, "greenhouse.yml");
        await File.WriteAllTextAsync(path, $$"""
            warehouse: "${GREENHOUSE_DATABASE_URL}"
            schema: {{schema}}
            sources:
              stripe:
                type: stripe
                api_key: ${GH_BENCH_STRIPE_KEY}
                webhook_secret: ${{{SecretVariable}}}
            """);
        var config = new ConfigLoader(BuiltInConnectors.Create(), name => name switch
        {
            SecretVariable => Secret,
            "GH_BENCH_STRIPE_KEY" => "sk_test_bench_unused",
            _ => Environment.GetEnvironmentVariable(name),
        }).Load(path);
        // The same host as `greenhouse serve` (its scheduler off: only webhooks are measured).
        await using var app = GreenhouseHost.Build(config, "http://127.0.0.1:0", new ServeOptions { Schedule = false });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(address);
        await app.WaitForShutdownAsync();
        directory.Delete(recursive: true);
        return 0;
    }

    /// <summary>Sends events <paramref name="from"/>…+<paramref name="count"/> with <paramref name="concurrency"/> workers; returns seconds and each request's latency in ms.</summary>
    private static async Task<(double Seconds, List<double> Latencies)> BurstAsync(
        WebhookSender sender, Uri url, int from, int count, int concurrency, ConcurrentBag<string> acked, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var next = from - 1;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < from + count && !cancellationToken.IsCancellationRequested)
            {
                var id = $"evt_bench_{i:D8}";
                // Customers repeat, so events both insert and update rows; created rises with i.
                var body = Event(id, $"cus_bench_{i % 5000:D5}", i);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await sender.SendStripeAsync(url, body, cancellationToken: cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                    {
                        acked.Add(id);
                    }
                }
                catch (HttpRequestException)
                {
                    // No answer: not acknowledged (the kill phase expects these).
                }
            }
        }, CancellationToken.None));
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the kill phase.
        }

        return (watch.Elapsed.TotalSeconds, [.. latencies]);
    }

    private static byte[] Event(string id, string customer, int sequence)
    {
        var created = 1_700_000_000L + sequence;
        var c = CultureInfo.InvariantCulture;
        return Encoding.UTF8.GetBytes(string.Concat(
            "{\"id\":\"", id, "\",\"object\":\"event\",\"api_version\":\"2025-02-24.acacia\",\"created\":", created.ToString(c),
            ",\"type\":\"customer.updated\",\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},",
            "\"data\":{\"object\":{\"id\":\"", customer, "\",\"object\":\"customer\",\"email\":\"", customer, "+", sequence.ToString(c),
            "@example.com\",\"name\":\"Bench Customer ", sequence.ToString(c), "\",\"created\":1690000000,\"currency\":\"eur\",\"balance\":",
            (sequence % 1000).ToString(c), ",\"delinquent\":false,\"metadata\":{\"plan\":\"pro\"}},\"previous_attributes\":{\"email\":\"old@example.com\"}}}"));
    }

    private static async Task<(Dictionary<string, int> Counts, int Rows)> StoredIdsAsync(NpgsqlDataSource dataSource, string schema)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        await using var command = dataSource.CreateCommand($"SELECT event_id FROM \"{schema}\"._gh_events WHERE source = 'stripe'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            counts[id] = counts.GetValueOrDefault(id) + 1;
            rows++;
        }

        return (counts, rows);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The receiver child process: started with this program's <c>webhook-server</c> command.</summary>
    private sealed class ChildServer : IAsyncDisposable
    {
        private readonly Process _process;

        private ChildServer(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<ChildServer> StartAsync(string databaseUrl, string schema)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(WebhookBenchmark).Assembly.Location);
            }

            foreach (var arg in new[] { "webhook-server", "--schema", schema })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["GREENHOUSE_DATABASE_URL"] = databaseUrl;
            var process = Process.Start(start)!;
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null || !Uri.TryCreate(line.Trim(), UriKind.Absolute, out var url))
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"The webhook-server child did not print its URL (got '{line}').");
            }

            return new ChildServer(process, new Uri(url, "/webhooks/stripe"));
        }

        /// <summary>SIGKILL: no shutdown, no flush; only what was committed survives.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
