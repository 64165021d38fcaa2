using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// What a user has after 'greenhouse init', for any source: the sandbox with its vendor fakes on 127.0.0.1 (when a
/// source needs one), a fresh warehouse (SQLite file or PostgreSQL schema), and a greenhouse.yml in a temp folder
/// with one block per <see cref="SandboxVendor"/>, whose credentials a fake environment resolves. The first vendor is
/// the harness's own: <see cref="Secret"/>, <see cref="WriteConfig"/>, <see cref="Table(string)"/> and the stream
/// helpers mean its source.
/// </summary>
public sealed class SourceHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string> _secrets;
    private readonly SandboxServer? _sandbox;

    private SourceHarness(IReadOnlyList<SandboxVendor> vendors, SandboxServer? sandbox, TestWarehouse warehouse, string directory)
    {
        Vendors = vendors;
        _sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
        _secrets = vendors.Where(v => v.Variable is not null).DistinctBy(v => v.Variable).ToDictionary(v => v.Variable!, v => v.Secret ?? "");
    }

    public IReadOnlyList<SandboxVendor> Vendors { get; }

    public SandboxVendor Vendor => Vendors[0];

    /// <summary>The sandbox; only a harness whose sources read no API (csv) has none.</summary>
    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException($"A {Vendor.Type} harness starts no sandbox.");

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    /// <summary>The value the environment gives the harness's own credential variable (the fake accepts the default).</summary>
    public string Secret
    {
        get => _secrets[Vendor.Variable ?? throw new InvalidOperationException($"A {Vendor.Type} source has no credential.")];
        set => _secrets[Vendor.Variable ?? throw new InvalidOperationException($"A {Vendor.Type} source has no credential.")] = value;
    }

    /// <summary>The environment the config is loaded with (for the CLI too): each credential variable and its value.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(_secrets);

    /// <summary>Sets one more variable of the environment (a webhook secret, say).</summary>
    public void SetVariable(string name, string value) => _secrets[name] = value;

    public static Task<SourceHarness> StartAsync(SandboxVendor vendor, string warehouseKind, SandboxOptions? options = null) =>
        StartAsync([vendor], warehouseKind, options);

    public static async Task<SourceHarness> StartAsync(IReadOnlyList<SandboxVendor> vendors, string warehouseKind, SandboxOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(vendors.Count);
        var sandbox = vendors.Any(v => v.Fake is not null) ? await SandboxServer.StartAsync(options ?? new SandboxOptions(EnforceRateLimits: false)) : null;
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var directory = System.IO.Directory.CreateTempSubdirectory($"gh-{vendors[0].Type}-").FullName;
        var harness = new SourceHarness(vendors, sandbox, warehouse, directory);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>
    /// Writes greenhouse.yml. <paramref name="source"/> adds lines to the harness's own block, <paramref name="defaults"/>
    /// replaces its <see cref="SandboxVendor.Defaults"/>, <paramref name="baseUrl"/> its base_url; <paramref name="top"/>
    /// adds lines at the top. A source of a fake goes at 1,000 requests a second with 10 ms retry delays, unless
    /// <paramref name="connectorPace"/> leaves both to the connector (the vendor's own limits).
    /// </summary>
    public void WriteConfig(string source = "", string top = "", Uri? baseUrl = null, string? defaults = null, bool connectorPace = false)
    {
        var yaml = new StringBuilder($"""
            warehouse: "{Warehouse.Spec}"
            schema: {Warehouse.RawSchema}
            {top}
            sources:

            """);
        foreach (var (vendor, index) in Vendors.Select((v, i) => (v, i)))
        {
            var own = index == 0;
            yaml.Append("  ").Append(vendor.Source).Append(":\n");
            var lines = new List<string> { $"type: {vendor.Type}" };
            if (vendor.CredentialLine is { } credential)
            {
                lines.Add(credential);
            }

            if (vendor.Fake is not null)
            {
                lines.Add($"base_url: {(own ? baseUrl : null)?.ToString() ?? Sandbox.VendorUrls[vendor.Fake] + vendor.BaseUrlSuffix}");
                if (!(own && connectorPace))
                {
                    lines.Add("requests_per_second: 1000");
                    lines.Add("retry_base_delay: 10ms");
                }
            }

            lines.AddRange([vendor.Lines, (own ? defaults : null) ?? vendor.Defaults, own ? source : ""]);
            foreach (var line in lines.SelectMany(l => l.Split('\n')).Select(l => l.TrimEnd()).Where(l => l.Length > 0))
            {
                yaml.Append("    ").Append(line).Append('\n');
            }
        }

        File.WriteAllText(ConfigPath, yaml.ToString());
    }

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(BuiltInConnectors.Create(), name => _secrets.GetValueOrDefault(name)).Load(ConfigPath);

    public async Task<RunSummary> SyncAsync(SyncRequest? request = null, ISyncObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var config = LoadConfig();
        await using var warehouse = WarehouseFactory.Open(config);
        return await new SyncService(config, warehouse).RunAsync(request ?? new SyncRequest(Trigger: "test"), observer, cancellationToken);
    }

    /// <summary>The run of one of the harness's own streams, e.g. "customers" → stripe.customers.</summary>
    public StreamRunResult Stream(RunSummary summary, string stream) => summary.Streams.Single(s => s.Stream == $"{Vendor.Source}.{stream}");

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        var result = await QueryAsync(sql);
        return (T)Convert.ChangeType(result.Rows[0][0]!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>The SQL name of one of the harness's own streams' table, e.g. "customers" → raw.stripe_customers.</summary>
    public string Table(string stream) => Table(Vendor.Source, stream);

    public string Table(string source, string stream) =>
        Warehouse.TableSql(new StreamDescriptor(source, stream, StreamDescriptor.KeyColumn, []));

    /// <summary>Ids of live (not soft-deleted) rows in a stream's table.</summary>
    public async Task<HashSet<string>> LiveIdsAsync(string stream)
    {
        var result = await QueryAsync($"SELECT id FROM {Table(stream)} WHERE _gh_deleted_at IS NULL");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }

    /// <summary>Rows in a stream's table, soft-deleted ones included.</summary>
    public async Task<long> CountAsync(string stream) =>
        Convert.ToInt64((await QueryAsync($"SELECT COUNT(*) FROM {Table(stream)}")).Rows[0][0], CultureInfo.InvariantCulture);

    /// <summary>What any write to a stream's table changes: its row count, newest run id, newest change time and oldest run id.</summary>
    public async Task<object?[]> FingerprintAsync(string stream) =>
        (await QueryAsync($"SELECT COUNT(*), MAX(_gh_run_id), MAX(_gh_last_synced), MIN(_gh_run_id) FROM {Table(stream)}")).Rows[0];

    /// <summary>Every row's sync metadata and, in PostgreSQL, its row version: any rewrite of a row changes it.</summary>
    public async Task<string> RowVersionsAsync(string stream)
    {
        await using var warehouse = Warehouse.Open();
        return await Tests.Warehouse.TestRows.RowVersionsAsync(warehouse, Table(stream), Warehouse.Kind);
    }

    /// <summary>The SQL name of one of Greenhouse's own tables, e.g. "_gh_stream_runs" (in the raw schema on PostgreSQL).</summary>
    public string MetaTable(string name) => Warehouse.Kind == "postgresql" ? $"\"{Warehouse.RawSchema}\".{name}" : name;

    /// <summary>The stream's committed state (<c>cursor</c>, <c>pending</c>, …), or null before its first commit.</summary>
    public Task<JsonObject?> StateAsync(string stream) => StateAsync(Vendor.Source, stream);

    public async Task<JsonObject?> StateAsync(string source, string stream)
    {
        await using var warehouse = await Warehouse.OpenMigratedAsync();
        return (await warehouse.ReadStateAsync($"{source}.{stream}")).SingleOrDefault()?.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await Warehouse.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still hold a file for a moment; the OS cleans temp folders.
        }
    }
}
