using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Buttondown;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Buttondown;

/// <summary>A sandbox with its fake Buttondown, a fresh warehouse, and a greenhouse.yml with one buttondown source pointing at it.</summary>
public sealed class ButtondownHarness : IAsyncDisposable
{
    public const string KeyVariable = "GH_TEST_BUTTONDOWN_KEY";
    public const string GoodKey = "0f3a9c2e7b5d41a8b6e2c9d7f1a4b3e5";

    private ButtondownHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
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

    public static async Task<ButtondownHarness> StartAsync(string warehouseKind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var harness = new ButtondownHarness(sandbox, warehouse, System.IO.Directory.CreateTempSubdirectory("gh-buttondown-").FullName);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="source"/> adds lines to the buttondown source.</summary>
    public void WriteConfig(string source = "")
    {
        var sourceLines = string.Join("", source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              buttondown:
                type: buttondown
                api_key: ${{{KeyVariable}}}
                base_url: {{Sandbox.VendorUrls["buttondown"]}}/v1
                requests_per_second: 1000
                retry_base_delay: 10ms
            {{sourceLines}}
            """);
    }

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(Connectors.All, name => name == KeyVariable ? ApiKey : null).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"));

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public string Table(string stream)
    {
        return Warehouse.TableSql(new ButtondownConnector().Catalog.Single(d => d.Name == stream));
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
