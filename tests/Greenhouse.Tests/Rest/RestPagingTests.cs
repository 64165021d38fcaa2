using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Rest;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Rest;

/// <summary>
/// Offset and cursor paging (with query-parameter and Basic credentials) against the sandbox's generic REST fake,
/// and a malformed page, on SQLite and PostgreSQL.
/// </summary>
public sealed class RestPagingTests
{
    private const string KeyVariable = "GH_TEST_REST_FAKE_KEY";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task<(RunSummary Summary, List<string> Ids)> SyncAsync(SandboxServer sandbox, TestWarehouse warehouse, string auth, string stream)
    {
        var directory = Directory.CreateTempSubdirectory("gh-rest-paging-").FullName;
        try
        {
            var path = Path.Combine(directory, "greenhouse.yml");
            File.WriteAllText(path, $$"""
                warehouse: "{{warehouse.Spec}}"
                schema: {{warehouse.RawSchema}}
                sources:
                  api:
                    type: rest
                    base_url: {{sandbox.VendorUrls["rest"]}}/
                    requests_per_second: 1000
                    retry_base_delay: 10ms
                    auth:
                {{auth}}
                    streams:
                      items:
                {{stream}}
                        incremental: {param: updated_since, cursor_field: updated_at, format: unix}
                        columns: {amount: integer, updated_at: timestamp}
                """);
            var config = new ConfigLoader(BuiltInConnectors.Create(), name => name == KeyVariable ? RestFake.ApiKey : null).Load(path);
            await using var opened = warehouse.Open();
            var summary = await new SyncService(config, opened).RunAsync(new SyncRequest(Trigger: "test"));
            var table = opened.TableSql(new StreamDescriptor("api", "items", StreamDescriptor.KeyColumn, []));
            var rows = summary.Status == RunStatus.Succeeded
                ? (await opened.QueryAsync($"SELECT id FROM {table} ORDER BY id")).Rows.Select(r => (string)r[0]!).ToList()
                : [];
            return (summary, rows);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Offset_paging_with_a_query_credential_lands_every_item(string kind)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        await using var warehouse = await TestWarehouse.CreateAsync(kind);

        var (summary, ids) = await SyncAsync(sandbox, warehouse,
            $"      type: query\n      name: api_key\n      value: ${{{KeyVariable}}}",
            "        path: offset/items\n        records: data\n        pagination: {type: offset, size: 10}");

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(sandbox.Rest.Ids, ids);
        Assert.Equal(3, summary.Streams.Single().Pages);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Cursor_paging_with_basic_auth_lands_every_item(string kind)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        await using var warehouse = await TestWarehouse.CreateAsync(kind);

        var (summary, ids) = await SyncAsync(sandbox, warehouse,
            $"      type: basic\n      username: {RestFake.Username}\n      password: ${{{KeyVariable}}}",
            "        path: cursor/items\n        records: data\n        pagination: {type: cursor, path: meta.next_cursor, param: after, size_param: limit, size: 10}");

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(sandbox.Rest.Ids, ids);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_wrong_records_path_fails_the_page_and_names_the_key(string kind)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        await using var warehouse = await TestWarehouse.CreateAsync(kind);

        var (summary, _) = await SyncAsync(sandbox, warehouse,
            $"      type: query\n      name: api_key\n      value: ${{{KeyVariable}}}",
            "        path: offset/items\n        records: items\n        pagination: {type: offset, size: 10}");

        Assert.Equal(RunStatus.Failed, summary.Status);
        var error = summary.Streams.Single().Error!;
        Assert.Contains("sources.api.streams.items.records", error, StringComparison.Ordinal);
        Assert.DoesNotContain(RestFake.ApiKey, error, StringComparison.Ordinal);
    }
}
