using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Rest;

/// <summary>
/// A sandbox, a fresh warehouse and a greenhouse.yml with the built-in sentry and buttondown sources next to
/// <c>errors</c> and <c>newsletter</c>: the same APIs described purely in YAML as <c>type: rest</c> sources.
/// </summary>
public sealed class RestHarness : IAsyncDisposable
{
    public const string SentryVariable = "GH_TEST_REST_SENTRY_TOKEN";
    public const string ButtondownVariable = "GH_TEST_REST_BUTTONDOWN_KEY";
    public const string SentryToken = "sntrys_rest_harness_token_0123456789";
    public const string ButtondownKey = "7c1e9a3f5b2d48c6a0e4f8b1d3c5a7e9";

    private RestHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public string Token { get; set; } = SentryToken;

    public static async Task<RestHarness> StartAsync(string warehouseKind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var harness = new RestHarness(sandbox, warehouse, System.IO.Directory.CreateTempSubdirectory("gh-rest-").FullName);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="subscribersPagination"/> replaces the newsletter's paging.</summary>
    public void WriteConfig(string subscribersPagination = "{type: next_url, path: next}")
    {
        var sentry = Sandbox.VendorUrls["sentry"];
        var buttondown = Sandbox.VendorUrls["buttondown"];
        var bearer = "{type: bearer, token: \"${" + SentryVariable + "}\"}";
        var header = "{type: header, name: Authorization, prefix: \"Token \", value: \"${" + ButtondownVariable + "}\"}";
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              sentry:
                type: sentry
                token: ${{{SentryVariable}}}
                organization: acme
                base_url: {{sentry}}
                requests_per_second: 1000
                retry_base_delay: 10ms
                streams: [issues]
              errors:
                type: rest
                base_url: {{sentry}}/api/0/
                auth: {{bearer}}
                requests_per_second: 1000
                retry_base_delay: 10ms
                streams:
                  issues:
                    path: organizations/acme/issues/
                    params: {query: "", sort: date, limit: "100"}
                    records: ""
                    primary_key: id
                    pagination: {type: link_header, results_param: results}
                    incremental: {param: start, end_param: end, cursor_field: lastSeen, format: iso8601, first_window: 90d}
                    columns:
                      short_id: {type: text, path: shortId}
                      status: text
                      count: integer
                      last_seen: {type: timestamp, path: lastSeen}
                      project_slug: {type: text, path: project.slug}
              buttondown:
                type: buttondown
                api_key: ${{{ButtondownVariable}}}
                base_url: {{buttondown}}/v1
                requests_per_second: 1000
                retry_base_delay: 10ms
                streams: [subscribers]
              newsletter:
                type: rest
                base_url: {{buttondown}}/v1
                auth: {{header}}
                requests_per_second: 1000
                retry_base_delay: 10ms
                streams:
                  subscribers:
                    path: subscribers
                    records: results
                    pagination: {{subscribersPagination}}
                    columns:
                      email: {type: text, path: email_address}
                      type: text
                      creation_date: timestamp
            """);
    }

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(Connectors.All, name => name switch
        {
            SentryVariable => Token,
            ButtondownVariable => ButtondownKey,
            _ => null,
        }).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"));

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public async Task<string> TableAsync(string source, string stream)
    {
        await using var warehouse = Warehouse.Open();
        return warehouse.TableSql(new StreamDescriptor(source, stream, StreamDescriptor.KeyColumn, []));
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
