using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Npgsql;

namespace Greenhouse.Bench;

/// <summary>
/// <c>sync</c>: the sandbox's vendors (in a child process, so peak RSS is Greenhouse's own; each enforcing its
/// documented rate limit, every request delayed by <c>--latency-ms</c>) synced into PostgreSQL by the real <see cref="SyncService"/>, each source paced at its
/// connector's default (the vendor's documented limit). Measured in one run, each on a fresh schema: the whole
/// sync at once, an immediately repeated (incremental) sync of the unchanged data, and streams synced alone —
/// every stream at small size, at larger sizes the <c>--alone N</c> streams that took longest in the whole sync.
/// The slowest stream alone is the baseline: concurrency can't beat it, and the whole sync should come close.
/// Streams of one source share that vendor's pace, so the source of the longest stream is also synced alone:
/// the bound concurrency across vendors can actually reach, printed for context (the target stays per stream).
/// Each measurement uses its own vendor keys, so one doesn't eat another's per-key rate budget; the repeat
/// uses the first sync's keys, as a real second run would. <c>--stripe-live</c> syncs Stripe with a live-mode key (its
/// live limits: 100 requests a second, 25 on each endpoint) instead of a test-mode one (25 a second).
/// </summary>
internal static class SyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = Enum.Parse<SandboxSize>(BenchArgs.String(args, "--size", "medium"), ignoreCase: true);
        var latency = TimeSpan.FromMilliseconds(BenchArgs.Int(args, "--latency-ms", 50));
        var aloneCount = BenchArgs.Int(args, "--alone", size == SandboxSize.Small ? int.MaxValue : 4);
        var stripeLiveMode = BenchArgs.Flag(args, "--stripe-live");
        var url = BenchArgs.DatabaseUrl();
        var stamp = $"{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using var dataSource = NpgsqlDataSource.Create(BenchArgs.NpgsqlConnectionString(url));
        var schemas = new List<string>();

        await using var sandbox = await SandboxChild.StartAsync(size, latency);
        Console.WriteLine($"sync: sandbox size {size.ToString().ToLowerInvariant()}, +{latency.TotalMilliseconds:0} ms per request, vendors' documented rate limits enforced and paced to; PostgreSQL schemas bench_sync_{stamp}_*");
        var connectors = BuiltInConnectors.Create();
        var paces = SandboxSources.For(sandbox.VendorUrls, null, stripeLiveMode: stripeLiveMode).Select(s => $"{s.Name} {connectors[s.Type].RequestsPerSecondFor(s):0.###}/s"
            + (connectors[s.Type].EndpointRequestsPerSecondFor(s) is { } endpoint ? $" ({endpoint:0.###}/s per endpoint)" : ""));
        Console.WriteLine($"paces: {string.Join(", ", paces)}; max_concurrency {Config(sandbox, url, "x", "", stripeLiveMode).MaxConcurrency}");
        try
        {
            var cpuBefore = CpuNow(sandbox);
            var first = await TimedSyncAsync(sandbox, url, Schema(stamp, "full", schemas), "full", stripeLiveMode, null);
            var cpuAfter = CpuNow(sandbox);
            var cpu = (Syncer: cpuAfter.Syncer - cpuBefore.Syncer, Sandbox: cpuAfter.Sandbox - cpuBefore.Sandbox, Postgres: cpuAfter.Postgres - cpuBefore.Postgres);
            var repeat = await TimedSyncAsync(sandbox, url, schemas[^1], "full", stripeLiveMode, null);

            var byTimeInFull = first.Streams.OrderByDescending(s => s.Duration).Select(s => s.Stream).ToList();
            var alone = new Dictionary<string, StreamRunResult>(StringComparer.Ordinal);
            foreach (var (stream, index) in byTimeInFull.Take(aloneCount).Select((s, i) => (s, i)))
            {
                var run = await TimedSyncAsync(sandbox, url, Schema(stamp, $"alone{index}", schemas), $"alone{index}", stripeLiveMode, stream);
                alone[stream] = run.Streams.Single();
            }

            var slowestSourceName = first.Streams.MaxBy(s => s.Duration)!.Stream.Split('.')[0];
            var sourceAlone = await TimedSyncAsync(sandbox, url, Schema(stamp, "source", schemas), "source", stripeLiveMode, null, slowestSourceName);

            var peakRss = BenchArgs.PeakRssMb();
            var failed = first.Streams.Concat(repeat.Streams).Concat(alone.Values).Concat(sourceAlone.Streams).Where(s => s.Status != RunStatus.Succeeded).ToList();
            var records = first.Streams.Sum(s => s.Records);
            var wall = first.Duration.TotalSeconds;
            var slowest = alone.Values.MaxBy(s => s.Duration)!;
            var slowestAlone = slowest.Duration.TotalSeconds;
            var sumStreams = first.Streams.Sum(s => s.Duration.TotalSeconds);
            var wallRatio = wall / slowestAlone;
            var repeatRatio = repeat.Duration.TotalSeconds / wall;

            Console.WriteLine();
            Console.WriteLine($"{"stream",-28}{"records",10}{"pages",8}{"alone s",10}{"in sync s",11}{"repeat s",10}{"repeat rec",12}");
            foreach (var result in first.Streams.OrderByDescending(s => s.Duration))
            {
                var again = repeat.Streams.Single(s => s.Stream == result.Stream);
                var aloneSeconds = alone.TryGetValue(result.Stream, out var a) ? a.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "—";
                Console.WriteLine($"{result.Stream,-28}{result.Records,10:N0}{result.Pages,8:N0}{aloneSeconds,10}{result.Duration.TotalSeconds,11:0.00}{again.Duration.TotalSeconds,10:0.00}{again.Records,12:N0}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"",-44}{"seconds",10}{"vs baseline",14}");
            Row("(a) baseline: slowest stream alone", slowestAlone, 1);
            Row($"    {slowestSourceName}, its slowest source, alone", sourceAlone.Duration.TotalSeconds, sourceAlone.Duration.TotalSeconds / slowestAlone);
            Row("(b) whole sync at once, wall", wall, wallRatio);
            Row("    sum of its streams' times", sumStreams, sumStreams / slowestAlone);
            Row("(c) repeated incremental sync", repeat.Duration.TotalSeconds, repeat.Duration.TotalSeconds / slowestAlone);
            Console.WriteLine($"baseline stream: {slowest.Stream} ({slowest.Records:N0} records, {slowest.Pages:N0} pages); alone: {(alone.Count == first.Streams.Count ? "every stream" : $"the {alone.Count} streams that took longest in the whole sync")}");
            Console.WriteLine($"records: {records:N0} in {first.Streams.Count} streams; repeat read {repeat.Streams.Sum(s => s.Records):N0}, rewrote {repeat.Streams.Sum(s => s.Counts.Updated):N0}, added {repeat.Streams.Sum(s => s.Counts.New):N0}");
            var cores = Environment.ProcessorCount;
            Console.WriteLine($"cpu in the whole sync ({wall:0.0} s wall, {cores} cores): syncer {cpu.Syncer:0.0} s ({cpu.Syncer / wall:P0} of a core), " +
                              $"sandbox child {cpu.Sandbox:0.0} s ({cpu.Sandbox / wall:P0}), PostgreSQL {cpu.Postgres:0.0} s ({cpu.Postgres / wall:P0}); " +
                              $"idle {Math.Max(0, 1 - (cpu.Syncer + cpu.Sandbox + cpu.Postgres) / (wall * cores)):P0} of the machine");
            var wallVsSource = wall / sourceAlone.Duration.TotalSeconds;
            Console.WriteLine($"targets: wall ≤ 1.10× slowest alone: {wallRatio:0.00}× {Verdict(wallRatio <= 1.10)} " +
                              $"({wallVsSource:0.00}× its slowest source alone, {slowestSourceName}, whose streams share one pace: {Verdict(wallVsSource <= 1.10)}); " +
                              $"repeat ≤ 0.10× first: {repeatRatio:0.000}× {Verdict(repeatRatio <= 0.10)}; " +
                              $"peak RSS < 300 MB: {peakRss:0} MB {Verdict(peakRss < 300)} (the benchmark process; the sandbox runs in a child process); " +
                              $"every run succeeded: {Verdict(failed.Count == 0)}");
            foreach (var failure in failed)
            {
                Console.WriteLine($"  {failure.Stream}: {failure.Status}: {failure.Error}");
            }

            Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
            var figures = new JsonObject
            {
                ["size"] = size.ToString().ToLowerInvariant(),
                ["latency_ms"] = latency.TotalMilliseconds,
                ["stripe_mode"] = stripeLiveMode ? "live" : "test",
                ["records"] = records,
                ["streams"] = first.Streams.Count,
                ["wall_seconds"] = Math.Round(wall, 2),
                ["cpu_syncer_seconds"] = Math.Round(cpu.Syncer, 1),
                ["cpu_sandbox_seconds"] = Math.Round(cpu.Sandbox, 1),
                ["cpu_postgres_seconds"] = Math.Round(cpu.Postgres, 1),
                ["slowest_stream"] = slowest.Stream,
                ["slowest_stream_alone_seconds"] = Math.Round(slowestAlone, 2),
                ["streams_measured_alone"] = alone.Count,
                ["slowest_source"] = slowestSourceName,
                ["slowest_source_alone_seconds"] = Math.Round(sourceAlone.Duration.TotalSeconds, 2),
                ["wall_vs_slowest_source_alone"] = Math.Round(wall / sourceAlone.Duration.TotalSeconds, 3),
                ["sum_stream_seconds"] = Math.Round(sumStreams, 2),
                ["wall_vs_slowest_alone"] = Math.Round(wallRatio, 3),
                ["repeat_seconds"] = Math.Round(repeat.Duration.TotalSeconds, 2),
                ["repeat_seconds_ratio"] = Math.Round(repeatRatio, 4),
                ["peak_rss_mb"] = Math.Round(peakRss, 1),
                ["failed_streams"] = failed.Count,
            };
            Console.WriteLine(figures.ToJsonString());
            return failed.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var schema in schemas)
            {
                await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<RunSummary> TimedSyncAsync(
        SandboxChild sandbox, string url, string schema, string keySuffix, bool stripeLiveMode, string? stream, string? source = null)
    {
        var request = new SyncRequest(Sources: source is null ? null : [source], Streams: stream is null ? null : [stream], Trigger: "bench");
        var config = Config(sandbox, url, schema, keySuffix, stripeLiveMode);
        await using var warehouse = WarehouseFactory.Open(config);
        var summary = await new SyncService(config, warehouse).RunAsync(request);
        Console.Error.WriteLine($"  {stream ?? source ?? "whole sync"} [{schema}]: {summary.Status}, {summary.Streams.Sum(s => s.Records):N0} records in {summary.Duration.TotalSeconds:0.00} s");
        return summary;
    }

    private static GreenhouseConfig Config(SandboxChild sandbox, string url, string schema, string keySuffix, bool stripeLiveMode) =>
        new("(bench)", WarehouseSetting.Parse(url), schema, WhenRunning.Fail, SandboxSources.For(sandbox.VendorUrls, requestsPerSecond: null, keySuffix, stripeLiveMode))
        {
            Connectors = BuiltInConnectors.Create(),
        };

    private static string Schema(string stamp, string phase, List<string> schemas)
    {
        schemas.Add($"bench_sync_{stamp}_{phase}");
        return schemas[^1];
    }

    private static string Verdict(bool ok) => ok ? "ok" : "MISSED";

    /// <summary>CPU seconds used so far by this process (the syncer), the sandbox child and every PostgreSQL process on the machine (from /proc).</summary>
    private static (double Syncer, double Sandbox, double Postgres) CpuNow(SandboxChild sandbox) =>
        (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, sandbox.ProcessorTime.TotalSeconds, PostgresCpuSeconds());

    private static double PostgresCpuSeconds()
    {
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                if (name.StartsWith("postgres", StringComparison.Ordinal))
                {
                    // After the name: utime, stime, cutime and cstime are the line's 14th to 17th fields. The postmaster's
                    // cutime and cstime hold the backends that ended (a closed connection's), so none is lost.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // A process that ended meanwhile: its time is no longer counted (a backend of this run ends with it).
            }
        }

        return ticks / 100.0; // USER_HZ
    }

    private static void Row(string name, double seconds, double ratio) =>
        Console.WriteLine($"{name,-44}{seconds,10:0.00}{ratio,13:0.00}×");
}
