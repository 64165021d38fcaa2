using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// A sandbox, a fresh warehouse (SQLite file or PostgreSQL schema) and a greenhouse.yml with one GraphQL source
/// (<c>linear</c> or <c>plain</c>) pointing at the sandbox's fake of it.
/// </summary>
public sealed class GraphQLHarness : IAsyncDisposable
{
    private GraphQLHarness(string type, string keyVariable, string apiKey, SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Type = type;
        KeyVariable = keyVariable;
        ApiKey = apiKey;
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public string Type { get; }

    public string KeyVariable { get; }

    public string ApiKey { get; set; }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public static async Task<GraphQLHarness> StartAsync(string type, string keyVariable, string goodKey, string warehouseKind, SandboxOptions? options = null)
    {
        var sandbox = await SandboxServer.StartAsync(options ?? new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var directory = System.IO.Directory.CreateTempSubdirectory("gh-graphql-").FullName;
        var harness = new GraphQLHarness(type, keyVariable, goodKey, sandbox, warehouse, directory);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="source"/> adds lines to the source.</summary>
    public void WriteConfig(string source = "")
    {
        var sourceLines = string.Join("", source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              {{Type}}:
                type: {{Type}}
                api_key: ${{{KeyVariable}}}
                base_url: {{Sandbox.VendorUrls[Type]}}
                requests_per_second: 1000
                retry_base_delay: 10ms
            {{sourceLines}}
            """);
    }

    public GreenhouseConfig LoadConfig()
    {
        var environment = new Dictionary<string, string> { [KeyVariable] = ApiKey };
        return new ConfigLoader(Connectors.All, name => environment.GetValueOrDefault(name)).Load(ConfigPath);
    }

    public Task<RunSummary> SyncAsync(SyncRequest? request = null, CancellationToken cancellationToken = default) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"), cancellationToken: cancellationToken);

    public StreamRunResult Stream(RunSummary summary, string name) => summary.Streams.Single(s => s.Stream == $"{Type}.{name}");

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    /// <summary>The SQL name of a stream's table, e.g. "issues" → raw.linear_issues.</summary>
    public async Task<string> TableAsync(string stream)
    {
        var descriptor = Connectors.All[Type].Catalog.Single(d => d.Name == stream);
        await using var warehouse = Warehouse.Open();
        return warehouse.TableSql(descriptor);
    }

    /// <summary>Ids of live (not soft-deleted) rows in a stream's table.</summary>
    public async Task<HashSet<string>> LiveIdsAsync(string stream)
    {
        var result = await QueryAsync($"SELECT id FROM {await TableAsync(stream)} WHERE _gh_deleted_at IS NULL");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }

    /// <summary>The stream's committed state JSON, as text.</summary>
    public async Task<string?> StateAsync(string stream)
    {
        await using var warehouse = Warehouse.Open();
        var entries = await warehouse.ReadStateAsync($"{Type}.{stream}");
        return entries.Count > 0 ? entries[0].Value.ToJsonString() : null;
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
            // The temp folder is cleaned by the OS.
        }
    }
}
