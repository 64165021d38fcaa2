using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Sentry;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sentry;

/// <summary>A sandbox with its fake Sentry, a fresh warehouse, and a greenhouse.yml with one sentry source pointing at it.</summary>
public sealed class SentryHarness : IAsyncDisposable
{
    public const string TokenVariable = "GH_TEST_SENTRY_TOKEN";
    public const string GoodToken = "sntrys_harness_token_0123456789";

    private SentryHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public string Token { get; set; } = GoodToken;

    public static async Task<SentryHarness> StartAsync(string warehouseKind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var harness = new SentryHarness(sandbox, warehouse, System.IO.Directory.CreateTempSubdirectory("gh-sentry-").FullName);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="source"/> adds lines to the sentry source.</summary>
    public void WriteConfig(string source = "", string organization = "acme")
    {
        var sourceLines = string.Join("", source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              sentry:
                type: sentry
                token: ${{{TokenVariable}}}
                organization: {{organization}}
                base_url: {{Sandbox.VendorUrls["sentry"]}}
                requests_per_second: 1000
                retry_base_delay: 10ms
            {{sourceLines}}
            """);
    }

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(Connectors.All, name => name == TokenVariable ? Token : null).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"));

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public string Table(string stream)
    {
        return Warehouse.TableSql(new SentryConnector().Catalog.Single(d => d.Name == stream));
    }

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
            // A leftover temp folder is harmless.
        }
    }
}
