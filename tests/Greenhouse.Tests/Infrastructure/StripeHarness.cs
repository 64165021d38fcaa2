using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// A sandbox with its fake Stripe on 127.0.0.1, a fresh warehouse (SQLite file or PostgreSQL schema), and a
/// greenhouse.yml in a temp folder pointing one at the other: what a user has after 'greenhouse init'.
/// </summary>
public sealed class StripeHarness : IAsyncDisposable
{
    public const string KeyVariable = "GH_TEST_STRIPE_KEY";
    public const string GoodKey = "sk_test_harness_key_0123456789";

    private StripeHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public string ApiKey { get; set; } = GoodKey;

    public static async Task<StripeHarness> StartAsync(string warehouseKind, SandboxOptions? options = null)
    {
        var sandbox = await SandboxServer.StartAsync(options ?? new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var directory = System.IO.Directory.CreateTempSubdirectory("gh-sync-").FullName;
        var harness = new StripeHarness(sandbox, warehouse, directory);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="source"/> adds lines to the stripe source, <paramref name="top"/> at the top.</summary>
    public void WriteConfig(string source = "", string top = "", Uri? baseUrl = null)
    {
        var sourceLines = string.Join("", source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            {{top}}
            sources:
              stripe:
                type: stripe
                api_key: ${{{KeyVariable}}}
                base_url: {{baseUrl ?? Sandbox.VendorUrls["stripe"]}}
                requests_per_second: 1000
                retry_base_delay: 10ms
            {{sourceLines}}
            """);
    }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { [KeyVariable] = ApiKey };

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(Connectors.All, name => Environment.GetValueOrDefault(name)).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null, CancellationToken cancellationToken = default) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"), cancellationToken: cancellationToken);

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        var result = await QueryAsync(sql);
        return (T)Convert.ChangeType(result.Rows[0][0]!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The SQL name of a Stripe stream's table, e.g. "customers" → raw.stripe_customers.</summary>
    public string Table(string stream)
    {
        var descriptor = new StripeConnector().Catalog.Single(d => d.Name == stream);
        return Warehouse.TableSql(descriptor);
    }

    /// <summary>Ids of live (not soft-deleted) rows in a stream's table.</summary>
    public async Task<HashSet<string>> LiveIdsAsync(string stream)
    {
        var result = await QueryAsync($"SELECT id FROM {Table(stream)} WHERE _gh_deleted_at IS NULL");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await Warehouse.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    public static readonly string[] Resources = ["customers", "products", "prices", "coupons", "subscriptions", "invoices", "charges", "refunds"];
}
