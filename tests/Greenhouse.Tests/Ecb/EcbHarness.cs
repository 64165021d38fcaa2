using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Ecb;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Ecb;

/// <summary>A sandbox with its fake ECB, a fresh warehouse, and a greenhouse.yml with one ecb source pointing at it.</summary>
public sealed class EcbHarness : IAsyncDisposable
{
    private EcbHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public static async Task<EcbHarness> StartAsync(string warehouseKind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var harness = new EcbHarness(sandbox, warehouse, System.IO.Directory.CreateTempSubdirectory("gh-ecb-").FullName);
        File.WriteAllText(harness.ConfigPath, $"""
            warehouse: "{warehouse.Spec}"
            schema: {warehouse.RawSchema}
            sources:
              ecb:
                type: ecb
                base_url: {sandbox.VendorUrls["ecb"]}
                requests_per_second: 1000
                retry_base_delay: 10ms
            """);
        return harness;
    }

    public Task<RunSummary> SyncAsync(SyncRequest? request = null) =>
        new SyncService(new ConfigLoader(Connectors.All, _ => null).Load(ConfigPath)).RunAsync(request ?? new SyncRequest(Trigger: "test"));

    public string Table
    {
        get
        {
            return Warehouse.TableSql(new EcbConnector().Catalog.Single());
        }
    }

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public async Task<long> CountAsync() =>
        Convert.ToInt64((await QueryAsync($"SELECT COUNT(*) FROM {Table} WHERE _gh_deleted_at IS NULL")).Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public async Task<string?> CursorAsync()
    {
        await using var warehouse = await Warehouse.OpenMigratedAsync();
        var entries = await warehouse.ReadStateAsync("ecb.rates");
        return entries.SingleOrDefault()?.Value.ToJsonString();
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
