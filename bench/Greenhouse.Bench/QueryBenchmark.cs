using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Access;
using Greenhouse.Config;
using Greenhouse.Query;
using Greenhouse.Serve;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Npgsql;

namespace Greenhouse.Bench;

/// <summary>
/// <c>query</c>: the read-only query path (<see cref="QueryService"/> with <see cref="QueryService.Read"/>) on SQLite and
/// on PostgreSQL, each measured in one run against a baseline on the same warehouse:
/// (1) its overhead against the same SQL run directly on a plain connection of the same driver (Microsoft.Data.Sqlite
/// or Npgsql, its default pooling, every row read into arrays as the path does), on a query calibrated to ~1 ms and one
/// calibrated to ~100 ms, the two paths interleaved; (2) the MCP <c>query</c> tool over streamable HTTP, the real
/// <c>serve</c> host and the SDK's client with a viewer token, for a small result; (3) memory while a result of 10
/// million rows (a recursive CTE) is cut at 1,000 rows, against the same cut of 100,000 rows.
/// </summary>
internal static class QueryBenchmark
{
    private const string Table = "bench_query_events";
    private const int CutLimit = 1_000;
    private const int SmallCutRows = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Settings(
            TableRows: BenchArgs.Int(args, "--table-rows", 1_000_000),
            FastRuns: BenchArgs.Int(args, "--runs", 500),
            SlowRuns: BenchArgs.Int(args, "--slow-runs", 60),
            McpCalls: BenchArgs.Int(args, "--mcp-calls", 300),
            CutRows: BenchArgs.Int(args, "--cut-rows", 10_000_000));
        var targets = new List<string>();
        if (!BenchArgs.Flag(args, "--skip-sqlite"))
        {
            targets.Add("sqlite");
        }

        var postgresUrl = PostgresUrl();
        if (!BenchArgs.Flag(args, "--skip-postgres"))
        {
            targets.Add(postgresUrl is null ? "postgres-unset" : "postgres");
            if (postgresUrl is not null && !BenchArgs.Flag(args, "--skip-reader"))
            {
                targets.Add("postgres_reader");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"query: the read-only path against the same SQL run directly; a {settings.TableRows:N0}-row table, {settings.FastRuns} runs of the ~1 ms query, {settings.SlowRuns} of the ~100 ms one, {settings.McpCalls} MCP calls, a {settings.CutRows:N0}-row result cut at {CutLimit:N0}; {Environment.ProcessorCount} cores"));
        var figures = new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["table_rows"] = settings.TableRows,
            ["cut_rows"] = settings.CutRows,
            ["cut_limit"] = CutLimit,
        };
        var allPass = true;
        foreach (var target in targets)
        {
            if (target == "postgres-unset")
            {
                Console.WriteLine();
                Console.WriteLine("postgres: skipped (set GREENHOUSE_DATABASE_URL or GREENHOUSE_TEST_PG, or pass --skip-postgres)");
                figures["postgres"] = "skipped";
                allPass = false;
                continue;
            }

            var (json, pass) = await RunOneAsync(target == "sqlite" ? null : postgresUrl, settings, readerLogin: target == "postgres_reader");
            figures[target] = json;
            allPass &= pass;
        }

        figures["pass"] = allPass;
        figures["peak_rss_mb"] = Math.Round(BenchArgs.PeakRssMb(), 1);
        Console.WriteLine();
        Console.WriteLine(figures.ToJsonString());
        return 0;
    }

    private sealed record Settings(int TableRows, int FastRuns, int SlowRuns, int McpCalls, int CutRows);

    /// <summary>GREENHOUSE_DATABASE_URL as the other benchmarks read it, else the tests' GREENHOUSE_TEST_PG; null when neither is set.</summary>
    private static string? PostgresUrl() =>
        Environment.GetEnvironmentVariable("GREENHOUSE_DATABASE_URL") is { Length: > 0 } url ? url
        : Environment.GetEnvironmentVariable("GREENHOUSE_TEST_PG") is { Length: > 0 } test ? test
        : null;

    /// <summary>
    /// One warehouse: SQLite in a temporary folder (<paramref name="postgresUrl"/> null) or a fresh PostgreSQL schema,
    /// dropped afterwards. With <paramref name="readerLogin"/>, reads go through a login made by <c>greenhouse grant
    /// reader</c> (the warehouse's <c>reader:</c> setting), and the direct baseline connects as that login too.
    /// </summary>
    private static async Task<(JsonObject Figures, bool Pass)> RunOneAsync(string? postgresUrl, Settings settings, bool readerLogin)
    {
        var folder = Directory.CreateTempSubdirectory("gh-bench-query-").FullName;
        var schema = postgresUrl is null ? "raw" : $"bench_query_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var spec = postgresUrl ?? "sqlite:" + Path.Combine(folder, "warehouse.db");
        var connectionString = postgresUrl is null ? null : BenchArgs.NpgsqlConnectionString(postgresUrl);
        var reader = readerLogin ? new NpgsqlConnectionStringBuilder(connectionString) { Username = $"{schema}_reader", Password = Guid.NewGuid().ToString("N") } : null;
        var setting = reader is null ? WarehouseSetting.Parse(spec) : WarehouseSetting.Parse(spec).WithReader(reader.ConnectionString);
        await using var owner = postgresUrl is null ? null : NpgsqlDataSource.Create(connectionString!);
        await using var warehouse = WarehouseFactory.Open(setting, schema);
        await using var direct = postgresUrl is null ? null : NpgsqlDataSource.Create(reader?.ConnectionString ?? connectionString!);
        try
        {
            await warehouse.MigrateAsync();
            if (reader is not null)
            {
                await ((IReaderGrants)warehouse).GrantReaderAsync(reader.Username!, reader.Password!);
            }

            var kind = warehouse.Dialect.Kind;
            var table = postgresUrl is null ? Table : $"\"{schema}\".{Table}";
            Console.WriteLine();
            Console.WriteLine($"{kind}: {warehouse.Description}{(reader is null ? "" : $", reads as the login {reader.Username} (grant reader)")}");
            var land = Stopwatch.StartNew();
            await LandAsync(warehouse, table, settings.TableRows);
            Console.WriteLine($"  landed {settings.TableRows:N0} rows in {land.Elapsed.TotalSeconds:0.0} s");

            var service = new QueryService(warehouse);
            Func<string, Task<int>> directRead = direct is null
                ? sql => Task.FromResult(DirectSqlite(Path.Combine(folder, "warehouse.db"), sql))
                : sql => DirectPostgresAsync(direct, sql);
            Func<string, Task<int>> pathRead = async sql => (await service.RunAsync(sql, QueryService.Read(CutLimit))).Rows.Count;
            // For attribution only, not a target: SQLite's direct read on a fresh connection each time, as the path opens one
            // (Pooling=false, so no page cache carried over); PostgreSQL's inside BEGIN READ ONLY with a statement_timeout, as the path runs it.
            Func<string, Task<int>> attribution = direct is null
                ? sql => Task.FromResult(DirectSqlite(Path.Combine(folder, "warehouse.db"), sql, pooling: false))
                : sql => DirectPostgresAsync(direct, sql, readOnlyTransaction: true);
            var attributionName = direct is null ? "direct, unpooled connection" : "direct, in BEGIN READ ONLY + timeout";
            Func<string, Task<int>>[] readers = [directRead, pathRead, attribution];

            // (1) Overhead on a ~1 ms and a ~100 ms query of the same shape, sized by timing the direct path.
            var fastUpTo = await CalibrateAsync(directRead, table, 1, 1_000, settings.TableRows);
            var fast = await CompareAsync(readers, Aggregate(table, fastUpTo), settings.FastRuns);
            var slowUpTo = await CalibrateAsync(directRead, table, 100, Math.Min(settings.TableRows, fastUpTo * 100), settings.TableRows);
            var slow = await CompareAsync(readers, Aggregate(table, slowUpTo), settings.SlowRuns);
            // Judged on the median of each run's pair (the two paths back to back), which drift on a loaded machine moves least.
            var fastAdded = fast.Path.P50 - fast.Direct.P50;
            var slowRatio = slow.Path.P50 / slow.Direct.P50;
            var fastPass = fast.PairedAddedMs <= 2.0;
            var slowPass = slow.PairedRatio <= 1.05;

            // (2) Memory while a huge result is cut at the limit: 100k rows, then 10M, then (for contrast) 100k read whole.
            await CutAsync(service, 10_000, CutLimit); // warms the code paths
            var cutSmall = await CutAsync(service, SmallCutRows, CutLimit);
            var cutLarge = await CutAsync(service, settings.CutRows, CutLimit);
            var whole = await CutAsync(service, SmallCutRows, null);
            var memoryPass = cutLarge.Rows == CutLimit && cutLarge.Truncated
                && cutLarge.AllocatedMb <= cutSmall.AllocatedMb * 1.5 + 1
                && cutLarge.PeakGrowthMb <= cutSmall.PeakGrowthMb + 16;

            // (3) The MCP query tool over HTTP, the real host, a small result.
            var mcp = await McpAsync(setting, schema, warehouse, $"SELECT id, customer, amount, note FROM {table} WHERE id <= 10 ORDER BY id", settings.McpCalls);
            var mcpPass = mcp.P95 < 20;

            Console.WriteLine();
            Console.WriteLine($"  {"",-46}{"p50 ms",10}{"p95 ms",10}");
            Row($"(1) ~1 ms query (id <= {fastUpTo:N0}), direct", fast.Direct);
            Row("    read-only path", fast.Path);
            Row($"    ({attributionName})", fast.Attribution);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    added {fast.PairedAddedMs:+0.000;-0.000} ms (median of pairs; p50s {fastAdded:+0.000;-0.000}, p95s {fast.Path.P95 - fast.Direct.P95:+0.000;-0.000})   target ≤ 2 ms added: {Verdict(fastPass)}"));
            Row($"    ~100 ms query (id <= {slowUpTo:N0}), direct", slow.Direct);
            Row("    read-only path", slow.Path);
            Row($"    ({attributionName})", slow.Attribution);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    ratio {slow.PairedRatio:0.000}× (median of pairs; p50s {slowRatio:0.000}×, p95s {slow.Path.P95 / slow.Direct.P95:0.000}×)   target ≤ 1.05×: {Verdict(slowPass)}"));
            Row($"(2) MCP query tool over HTTP ({mcp.Rows} rows)", mcp);
            Console.WriteLine($"    target p95 < 20 ms: {Verdict(mcpPass)}");
            Console.WriteLine();
            Console.WriteLine($"  {"(3) memory, cut at " + CutLimit.ToString("N0", CultureInfo.InvariantCulture),-46}{"seconds",10}{"alloc MB",10}{"RSS MB",10}{"peak MB",10}{"+peak MB",10}");
            Memory($"    {SmallCutRows:N0}-row result, cut", cutSmall);
            Memory($"    {settings.CutRows:N0}-row result, cut", cutLarge);
            Memory($"    {SmallCutRows:N0}-row result, read whole (contrast)", whole);
            Console.WriteLine($"    flat (allocated and peak RSS do not grow with the row count): {Verdict(memoryPass)}");

            var json = new JsonObject
            {
                ["fast_rows_scanned"] = fastUpTo,
                ["fast_direct_p50_ms"] = Round(fast.Direct.P50),
                ["fast_direct_p95_ms"] = Round(fast.Direct.P95),
                ["fast_path_p50_ms"] = Round(fast.Path.P50),
                ["fast_path_p95_ms"] = Round(fast.Path.P95),
                ["fast_added_p50_ms"] = Round(fastAdded),
                ["fast_added_p95_ms"] = Round(fast.Path.P95 - fast.Direct.P95),
                ["fast_added_paired_ms"] = Round(fast.PairedAddedMs),
                ["fast_attribution_p50_ms"] = Round(fast.Attribution.P50),
                ["fast_pass"] = fastPass,
                ["slow_rows_scanned"] = slowUpTo,
                ["slow_direct_p50_ms"] = Round(slow.Direct.P50),
                ["slow_direct_p95_ms"] = Round(slow.Direct.P95),
                ["slow_path_p50_ms"] = Round(slow.Path.P50),
                ["slow_path_p95_ms"] = Round(slow.Path.P95),
                ["slow_ratio_p50"] = Round(slowRatio),
                ["slow_ratio_p95"] = Round(slow.Path.P95 / slow.Direct.P95),
                ["slow_ratio_paired"] = Round(slow.PairedRatio),
                ["slow_attribution_p50_ms"] = Round(slow.Attribution.P50),
                ["slow_pass"] = slowPass,
                ["mcp_p50_ms"] = Round(mcp.P50),
                ["mcp_p95_ms"] = Round(mcp.P95),
                ["mcp_pass"] = mcpPass,
                ["cut_small_allocated_mb"] = Round(cutSmall.AllocatedMb),
                ["cut_small_peak_growth_mb"] = Round(cutSmall.PeakGrowthMb),
                ["cut_small_seconds"] = Round(cutSmall.Seconds),
                ["cut_large_allocated_mb"] = Round(cutLarge.AllocatedMb),
                ["cut_large_peak_growth_mb"] = Round(cutLarge.PeakGrowthMb),
                ["cut_large_seconds"] = Round(cutLarge.Seconds),
                ["cut_large_rss_before_mb"] = Round(cutLarge.RssBeforeMb),
                ["cut_large_peak_rss_mb"] = Round(cutLarge.PeakMb),
                ["whole_small_allocated_mb"] = Round(whole.AllocatedMb),
                ["whole_small_peak_growth_mb"] = Round(whole.PeakGrowthMb),
                ["memory_pass"] = memoryPass,
            };
            return (json, fastPass && slowPass && mcpPass && memoryPass);
        }
        finally
        {
            if (owner is not null)
            {
                await using var drop = owner.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                await drop.ExecuteNonQueryAsync();
                if (reader is not null)
                {
                    NpgsqlConnection.ClearAllPools();
                    await using var dropRole = owner.CreateCommand($"DROP OWNED BY \"{reader.Username}\"; DROP ROLE IF EXISTS \"{reader.Username}\"");
                    await dropRole.ExecuteNonQueryAsync();
                }
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task LandAsync(IWarehouse warehouse, string table, int rows)
    {
        var sqlite = warehouse.Dialect.Kind == "sqlite";
        var numbers = sqlite
            ? $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) SELECT i FROM n"
            : $"SELECT i FROM generate_series(1, {rows}) AS n(i)";
        await warehouse.ExecuteAsync($"CREATE TABLE {table} (id INTEGER PRIMARY KEY, customer INTEGER NOT NULL, amount INTEGER NOT NULL, note TEXT NOT NULL)");
        await warehouse.ExecuteAsync($"""
            INSERT INTO {table} (id, customer, amount, note)
            SELECT i, {Modulo(sqlite, "i", 5000)}, {Modulo(sqlite, "i * 7", 1000)}, 'event ' || CAST(i AS TEXT) FROM ({numbers}) AS numbers
            """, TimeSpan.FromMinutes(10));
        await warehouse.ExecuteAsync($"ANALYZE {table}");
    }

    private static string Modulo(bool sqlite, string value, int by) => sqlite ? $"{value} % {by}" : $"mod({value}, {by})";

    /// <summary>The measured query: an aggregate over the first <paramref name="upTo"/> rows (by primary key) into 100 groups.</summary>
    private static string Aggregate(string table, int upTo) =>
        $"SELECT customer % 100 AS bucket, count(*) AS events, sum(amount) AS amount, max(note) AS last_note FROM {table} WHERE id <= {upTo} GROUP BY customer % 100 ORDER BY bucket";

    /// <summary>How many rows the aggregate must scan for the direct path to take about <paramref name="targetMs"/> (at most the table).</summary>
    private static async Task<int> CalibrateAsync(Func<string, Task<int>> directRead, string table, double targetMs, int start, int max)
    {
        var upTo = Math.Clamp(start, 100, max);
        for (var round = 0; round < 8; round++)
        {
            var times = new List<double>();
            for (var i = 0; i < (targetMs < 10 ? 21 : 5); i++)
            {
                var started = Stopwatch.GetTimestamp();
                await directRead(Aggregate(table, upTo));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var ms = BenchArgs.Percentile(times, 0.5);
            if ((ms >= targetMs * 0.9 && ms <= targetMs * 1.1) || (upTo == max && ms < targetMs))
            {
                break;
            }

            upTo = (int)Math.Clamp(upTo * Math.Clamp(targetMs / ms, 0.2, 8), 100, max);
        }

        return upTo;
    }

    private sealed record Timings(double P50, double P95, int Rows = 0);

    /// <summary>The direct read, the read-only path and the attribution reader; the path against the direct read per run: the median difference and ratio.</summary>
    private sealed record Comparison(Timings Direct, Timings Path, Timings Attribution, double PairedAddedMs, double PairedRatio);

    /// <summary>
    /// Every reader <paramref name="runs"/> times after a warm-up, interleaved (the order rotating each run) so drift on a
    /// shared machine hits them all alike; the readers must agree on the row count.
    /// </summary>
    private static async Task<Comparison> CompareAsync(Func<string, Task<int>>[] readers, string sql, int runs)
    {
        for (var i = 0; i < 5; i++)
        {
            foreach (var read in readers)
            {
                await read(sql);
            }
        }

        var times = readers.Select(_ => new List<double>(runs)).ToArray();
        for (var run = 0; run < runs; run++)
        {
            int? rows = null;
            for (var k = 0; k < readers.Length; k++)
            {
                var which = (run + k) % readers.Length;
                var (ms, read) = await TimeAsync(readers[which], sql);
                times[which].Add(ms);
                if (rows is { } expected && expected != read)
                {
                    throw new InvalidOperationException($"the paths read different row counts ({expected} and {read})");
                }

                rows = read;
            }
        }

        var timings = times.Select(t => new Timings(BenchArgs.Percentile(t, 0.5), BenchArgs.Percentile(t, 0.95))).ToArray();
        var added = times[1].Zip(times[0], (path, direct) => path - direct).ToList();
        var ratios = times[1].Zip(times[0], (path, direct) => path / direct).ToList();
        return new Comparison(timings[0], timings[1], timings[2], BenchArgs.Percentile(added, 0.5), BenchArgs.Percentile(ratios, 0.5));
    }

    private static async Task<(double Ms, int Rows)> TimeAsync(Func<string, Task<int>> read, string sql)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = await read(sql);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows);
    }

    /// <summary>The baseline on SQLite: a plain Microsoft.Data.Sqlite connection (default pooling, read-write mode), every row read into arrays.</summary>
    private static int DirectSqlite(string path, string sql, bool pooling = true)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = pooling }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ReadAll(reader);
    }

    /// <summary>The baseline on PostgreSQL: a pooled Npgsql connection of the same login, one command, every row read into arrays.</summary>
    private static async Task<int> DirectPostgresAsync(NpgsqlDataSource dataSource, string sql, bool readOnlyTransaction = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = readOnlyTransaction ? await connection.BeginTransactionAsync() : null;
        if (readOnlyTransaction)
        {
            await using var limit = new NpgsqlCommand("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = 30000", connection);
            await limit.ExecuteNonQueryAsync();
        }

        int rows;
        await using (var command = new NpgsqlCommand(sql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            rows = ReadAll(reader);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return rows;
    }

    private static int ReadAll(System.Data.Common.DbDataReader reader)
    {
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows.Count;
    }

    private sealed record CutFigures(double Seconds, double AllocatedMb, double RssBeforeMb, double PeakMb, int Rows, bool Truncated)
    {
        public double PeakGrowthMb => PeakMb - RssBeforeMb;
    }

    /// <summary>
    /// A result of <paramref name="rows"/> rows (a recursive CTE, streamed by both databases) read through the path with
    /// <paramref name="maxRows"/>: bytes the process allocated meanwhile, and its peak RSS (VmHWM, reset just before) against its RSS before.
    /// </summary>
    private static async Task<CutFigures> CutAsync(QueryService service, int rows, int? maxRows)
    {
        var sql = $"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {rows}) SELECT x, 'row ' || CAST(x AS TEXT) AS label FROM n";
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var rssBefore = ResetPeakRss();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var result = await service.RunAsync(sql, QueryService.Read(maxRows, TimeSpan.FromMinutes(5)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
        var peak = BenchArgs.PeakRssMb();
        GC.KeepAlive(result);
        return new CutFigures(seconds, allocatedMb, rssBefore, peak, result.Rows.Count, result.Truncated);
    }

    /// <summary>Resets the kernel's peak RSS of this process (<c>/proc/self/clear_refs</c> "5") and answers the RSS now, in MB.</summary>
    private static double ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not supported here: the peak is then the process's whole-life peak.
        }

        return Environment.WorkingSet / 1024.0 / 1024.0;
    }

    /// <summary>The real <c>serve</c> host on a free port (no scheduler), a viewer token, the SDK's client over streamable HTTP; <paramref name="calls"/> timed calls of the query tool.</summary>
    private static async Task<Timings> McpAsync(WarehouseSetting setting, string schema, IWarehouse warehouse, string sql, int calls)
    {
        var config = new GreenhouseConfig("(bench)", setting, schema, WhenRunning.Fail, [])
        {
            Connectors = BuiltInConnectors.Create(),
        };
        var token = await new TokenService(warehouse).AddAsync($"bench-query-{Guid.NewGuid():N}", "viewer", null);
        // The serve host as built for `greenhouse serve`; only its per-call info lines (the MCP SDK's) are filtered out of stderr.
        await using var app = GreenhouseHost.Build(config, "http://127.0.0.1:0", new ServeOptions { Schedule = false },
            services => services.AddLogging(logging => logging.AddFilter("ModelContextProtocol", LogLevel.Warning)));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(address, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token.Token}" },
            });
            await using var client = await McpClient.CreateAsync(transport);
            var arguments = new Dictionary<string, object?> { ["sql"] = sql, ["max_rows"] = 100 };
            var times = new List<double>(calls);
            var rows = 0;
            for (var i = -10; i < calls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync("query", arguments);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (result.IsError is true || result.StructuredContent is null)
                {
                    throw new InvalidOperationException("the MCP query tool failed: " + string.Concat(result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text)));
                }

                var content = JsonSerializer.SerializeToElement(result.StructuredContent);
                rows = content.TryGetProperty("rows", out var r) ? r.GetArrayLength() : -1;
                if (i >= 0)
                {
                    times.Add(ms);
                }
            }

            return new Timings(BenchArgs.Percentile(times, 0.5), BenchArgs.Percentile(times, 0.95), rows);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    private static void Row(string name, Timings t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-46}{t.P50,10:0.000}{t.P95,10:0.000}"));

    private static void Memory(string name, CutFigures f) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-46}{f.Seconds,10:0.000}{f.AllocatedMb,10:0.00}{f.RssBeforeMb,10:0.0}{f.PeakMb,10:0.0}{f.PeakGrowthMb,10:0.0}"));
}
