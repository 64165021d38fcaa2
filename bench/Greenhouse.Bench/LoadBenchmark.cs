using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Bench;

/// <summary>
/// <c>load</c>: N Stripe-like customers (~1 KB each) loaded into PostgreSQL three ways in one run — a plain
/// binary COPY into an empty table of the same shape (the baseline), Greenhouse's first load, and Greenhouse
/// reloading identical data — then Greenhouse's first load and reload into SQLite. Rows are generated and converted
/// (typed columns, hash) the same way for all of them, outside the timed sections; each batch's database call is
/// timed until the server acknowledges it (the baseline COPYs batch by batch too), so the figures compare the
/// database work: Greenhouse's merge against a bare COPY. What the sync engine spends per record before the database
/// (parsing the vendor's JSON, typed columns, the canonical hash, the compact text) is measured apart.
/// </summary>
internal static class LoadBenchmark
{
    private static readonly StreamDescriptor Customers = new("bench", new StripeConnector().Catalog.Single(d => d.Name == "customers"));

    public static async Task<int> RunAsync(string[] args)
    {
        var records = BenchArgs.Int(args, "--records", 1_000_000);
        var batch = BenchArgs.Int(args, "--batch", 5_000);
        var url = BenchArgs.DatabaseUrl();
        Console.WriteLine($"load: {records:N0} customers of ~{CustomerGenerator.AverageSize()} bytes, batches of {batch:N0}");

        var schema = $"bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using var warehouse = WarehouseFactory.Open(url, schema);
        await warehouse.MigrateAsync();
        await warehouse.EnsureStreamTableAsync(Customers);
        await using var dataSource = NpgsqlDataSource.Create(BenchArgs.NpgsqlConnectionString(url));
        try
        {
            var copySeconds = await BaselineCopyAsync(dataSource, warehouse, schema, records, batch);
            var before = await TableStatsAsync(dataSource, schema);
            var (firstSeconds, firstCounts) = await GreenhouseLoadAsync(warehouse, records, batch);
            var (reloadSeconds, reloadCounts) = await GreenhouseLoadAsync(warehouse, records, batch);
            var after = await TableStatsAsync(dataSource, schema);
            var rowsUpdatedByReload = after.Updated - before.Updated;
            var (sqliteSeconds, sqliteReloadSeconds) = BenchArgs.Flag(args, "--skip-sqlite") ? (double.NaN, double.NaN) : await SqliteLoadAsync(records, batch);
            var peakRss = BenchArgs.PeakRssMb();
            var generateRps = GenerateRate(Math.Min(records, 20_000), batch);
            var client = ClientCost(Math.Min(records, 20_000));
            var smallRss = records >= 10 ? await ProbeRssAsync(records / 10, batch, url) : double.NaN;

            var copyRps = records / copySeconds;
            var firstRps = records / firstSeconds;
            var reloadRatio = reloadSeconds / firstSeconds;
            Console.WriteLine();
            Console.WriteLine($"{"",-34}{"seconds",10}{"records/s",14}{"vs baseline",14}");
            Row("(a) baseline: plain binary COPY", copySeconds, copyRps, 1);
            Row("(b) Greenhouse first load", firstSeconds, firstRps, firstRps / copyRps);
            Row("(c) Greenhouse identical reload", reloadSeconds, records / reloadSeconds, copySeconds / reloadSeconds);
            if (!double.IsNaN(sqliteSeconds))
            {
                Row("SQLite first load", sqliteSeconds, records / sqliteSeconds, records / sqliteSeconds / copyRps);
                Row("SQLite identical reload", sqliteReloadSeconds, records / sqliteReloadSeconds, records / sqliteReloadSeconds / copyRps);
            }

            Console.WriteLine($"(seconds are time in the database calls, batch by batch; making the rows, {generateRps:N0} records/s, is not counted)");
            Console.WriteLine($"sync engine per record, before the database: parse {client.Parse:0.0} µs, convert {client.Convert:0.0} µs " +
                              $"(canonical hash {client.Hash:0.0} µs, compact text {client.Compact:0.0} µs, key and typed columns {client.Convert - client.Hash - client.Compact:0.0} µs): " +
                              $"{1e6 / client.Convert:N0} records/s");
            Console.WriteLine();
            Console.WriteLine($"first load: new {firstCounts.New:N0}, updated {firstCounts.Updated:N0}, unchanged {firstCounts.Unchanged:N0}");
            Console.WriteLine($"reload:     new {reloadCounts.New:N0}, updated {reloadCounts.Updated:N0}, unchanged {reloadCounts.Unchanged:N0}; pg_stat_user_tables n_tup_upd +{rowsUpdatedByReload:N0}");
            if (!double.IsNaN(sqliteSeconds))
            {
                Console.WriteLine($"SQLite reload: {sqliteReloadSeconds / sqliteSeconds:0.000}× its first load");
            }
            Console.WriteLine($"targets: first load ≥ 0.5× COPY: {firstRps / copyRps:0.00}× {(firstRps / copyRps >= 0.5 ? "ok" : "MISSED")}; " +
                              $"reload ≤ 0.1× first load: {reloadRatio:0.000}× {(reloadRatio <= 0.1 ? "ok" : "MISSED")}; " +
                              $"reload rows updated 0: {rowsUpdatedByReload} {(rowsUpdatedByReload == 0 ? "ok" : "MISSED")}");
            Console.WriteLine($"peak RSS: {peakRss:0} MB at {records:N0} records, {smallRss:0} MB at {records / 10:N0} ({peakRss / smallRss:0.00}×, target ≤ 1.20×)");

            var figures = new JsonObject
            {
                ["records"] = records,
                ["copy_rps"] = Math.Round(copyRps),
                ["first_load_rps"] = Math.Round(firstRps),
                ["first_load_vs_copy"] = Math.Round(firstRps / copyRps, 3),
                ["reload_seconds_ratio"] = Math.Round(reloadRatio, 3),
                ["reload_rows_updated"] = rowsUpdatedByReload,
                ["generate_rps"] = Math.Round(generateRps),
                ["engine_parse_us"] = Math.Round(client.Parse, 2),
                ["engine_convert_us"] = Math.Round(client.Convert, 2),
                ["engine_hash_us"] = Math.Round(client.Hash, 2),
                ["engine_compact_us"] = Math.Round(client.Compact, 2),
                ["sqlite_rps"] = double.IsNaN(sqliteSeconds) ? null : Math.Round(records / sqliteSeconds),
                ["sqlite_reload_ratio"] = double.IsNaN(sqliteSeconds) ? null : Math.Round(sqliteReloadSeconds / sqliteSeconds, 3),
                ["peak_rss_mb"] = Math.Round(peakRss, 1),
                ["peak_rss_mb_at_tenth"] = double.IsNaN(smallRss) ? null : Math.Round(smallRss, 1),
                ["peak_rss_ratio"] = double.IsNaN(smallRss) ? null : Math.Round(peakRss / smallRss, 3),
            };
            Console.WriteLine(figures.ToJsonString());
            return 0;
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The child process measuring peak RSS at a smaller N: Greenhouse's first load and reload only.</summary>
    public static async Task<int> RssProbeAsync(string[] args)
    {
        var records = BenchArgs.Int(args, "--records", 100_000);
        var batch = BenchArgs.Int(args, "--batch", 5_000);
        var schema = $"bench_probe_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var url = BenchArgs.DatabaseUrl();
        await using (var warehouse = WarehouseFactory.Open(url, schema))
        {
            await warehouse.MigrateAsync();
            await warehouse.EnsureStreamTableAsync(Customers);
            await GreenhouseLoadAsync(warehouse, records, batch);
            await GreenhouseLoadAsync(warehouse, records, batch);
        }

        await using var dataSource = NpgsqlDataSource.Create(BenchArgs.NpgsqlConnectionString(url));
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
        Console.WriteLine(BenchArgs.PeakRssMb().ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<double> ProbeRssAsync(int records, int batch, string url)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "rss-probe", "--records", records.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GREENHOUSE_DATABASE_URL"] = url;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task<(double Seconds, BatchCounts Counts)> GreenhouseLoadAsync(IWarehouse warehouse, int records, int batch)
    {
        var now = DateTimeOffset.UtcNow;
        var runId = await warehouse.BeginRunAsync("bench", now);
        await warehouse.BeginStreamRunAsync(runId, Customers.FullName, SyncMode.FullRefresh, now);
        var watch = new Stopwatch();
        var counts = default(BatchCounts);
        foreach (var rows in Batches(records, batch))
        {
            watch.Start();
            counts += await warehouse.CommitBatchAsync(new BatchCommit(
                Customers, runId, rows, "", new JsonObject { ["loaded"] = rows.Count }, false, false, false, 1, 0, DateTimeOffset.UtcNow));
            watch.Stop();
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await warehouse.FinishStreamRunAsync(runId, Customers.FullName, RunStatus.Succeeded, null, DateTimeOffset.UtcNow);
        await warehouse.FinishRunAsync(runId, RunStatus.Succeeded, DateTimeOffset.UtcNow);
        return (seconds, counts);
    }

    private static async Task<double> BaselineCopyAsync(NpgsqlDataSource dataSource, IWarehouse warehouse, string schema, int records, int batch)
    {
        var table = warehouse.TableSql(Customers);
        await using (var create = dataSource.CreateCommand($"CREATE TABLE \"{schema}\".baseline (LIKE {table} INCLUDING ALL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var columns = new List<(string Name, string Type)>();
        await using (var describe = dataSource.CreateCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'baseline' ORDER BY ordinal_position"))
        {
            describe.Parameters.AddWithValue(schema);
            await using var reader = await describe.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var typedIndex = Customers.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var copy = $"COPY \"{schema}\".baseline ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var commitSetting = new NpgsqlCommand("SET synchronous_commit TO OFF", connection))
        {
            // Greenhouse's batches commit without waiting for the WAL flush; the baseline gets the same.
            await commitSetting.ExecuteNonQueryAsync();
        }

        var watch = new Stopwatch();
        var now = DateTimeOffset.UtcNow;
        foreach (var rows in Batches(records, batch))
        {
            // One COPY per batch, timed from its start to the server's acknowledgement: the same granularity and
            // the same clock as Greenhouse's batches.
            watch.Start();
            await using (var importer = await connection.BeginBinaryImportAsync(copy))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync();
                    foreach (var (name, type) in columns)
                    {
                        object? value = name switch
                        {
                            "id" => row.Id,
                            "_gh_raw" => row.RawJson,
                            "_gh_hash" => row.Hash,
                            "_gh_first_seen" or "_gh_last_synced" => now,
                            "_gh_as_of" => row.AsOf,
                            "_gh_run_id" => 1L,
                            _ when typedIndex.TryGetValue(name, out var i) => row.Values[i],
                            _ => null,
                        };
                        if (value is null)
                        {
                            await importer.WriteNullAsync();
                        }
                        else
                        {
                            await importer.WriteAsync(value, DbType(type));
                        }
                    }
                }

                await importer.CompleteAsync();
            }

            watch.Stop();
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double First, double Reload)> SqliteLoadAsync(int records, int batch)
    {
        var directory = Directory.CreateTempSubdirectory("gh-bench-");
        try
        {
            await using var warehouse = WarehouseFactory.Open(WarehouseSetting.Sqlite(Path.Combine(directory.FullName, "bench.db")));
            await warehouse.MigrateAsync();
            await warehouse.EnsureStreamTableAsync(Customers);
            var first = (await GreenhouseLoadAsync(warehouse, records, batch)).Seconds;
            return (first, (await GreenhouseLoadAsync(warehouse, records, batch)).Seconds);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IEnumerable<List<RecordRow>> Batches(int records, int batch)
    {
        var rows = new List<RecordRow>(batch);
        foreach (var row in CustomerGenerator.Rows(records, DateTimeOffset.UnixEpoch.AddYears(55)))
        {
            rows.Add(row);
            if (rows.Count == batch)
            {
                yield return rows;
                rows = new List<RecordRow>(batch);
            }
        }

        if (rows.Count > 0)
        {
            yield return rows;
        }
    }

    /// <summary>How fast the benchmark makes rows.</summary>
    private static double GenerateRate(int records, int batch)
    {
        var watch = Stopwatch.StartNew();
        var generated = Batches(records, batch).Sum(rows => rows.Count);
        return generated / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Microseconds per record the sync engine spends before the database: parsing a page's JSON (a page of the
    /// records, as a stream reads it), and <see cref="RecordConverter.ToRow"/> (key, typed columns, canonical hash,
    /// compact text), with the hash and the compact text also timed alone. Each is the best of three passes.
    /// </summary>
    private static (double Parse, double Convert, double Hash, double Compact) ClientCost(int records)
    {
        var page = CustomerGenerator.Page(records);
        var warnings = new List<string>();
        double Best(Action pass)
        {
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                pass();
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds * 1000 / records);
            }

            return best;
        }

        using var document = JsonDocument.Parse(page);
        var elements = document.RootElement.GetProperty("data").EnumerateArray().ToList();
        var parse = Best(() => JsonDocument.Parse(page).Dispose());
        var convert = Best(() => elements.ForEach(e => RecordConverter.ToRow(Customers, new SourceRecord(e, DateTimeOffset.UnixEpoch), 1, warnings)));
        var hash = Best(() => elements.ForEach(e => CanonicalJson.Hash(e)));
        var compact = Best(() => elements.ForEach(e => CanonicalJson.Compact(e)));
        return (parse, convert, hash, compact);
    }

    private static async Task<(long Inserted, long Updated)> TableStatsAsync(NpgsqlDataSource dataSource, string schema)
    {
        // Statistics reach pg_stat_user_tables when a backend reports them (at most about once a second).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var command = dataSource.CreateCommand(
            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2");
        command.Parameters.AddWithValue(schema);
        command.Parameters.AddWithValue(Customers.TableName);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private static NpgsqlDbType DbType(string dataType) => dataType switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "numeric" => NpgsqlDbType.Numeric,
        "boolean" => NpgsqlDbType.Boolean,
        "jsonb" => NpgsqlDbType.Jsonb,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Text,
    };

    private static void Row(string name, double seconds, double rps, double ratio) =>
        Console.WriteLine($"{name,-34}{seconds,10:0.00}{rps,14:N0}{ratio,13:0.00}×");
}
