using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.GitHub;
using Greenhouse.Sources;
using Greenhouse.Sources.GitHub;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.GitHub;

/// <summary>A sandbox with its fake GitHub on 127.0.0.1, a fresh warehouse, and a greenhouse.yml with one github source.</summary>
public sealed class GitHubHarness : IAsyncDisposable
{
    public const string TokenVariable = "GH_TEST_GITHUB_TOKEN";
    public const string GoodToken = "ghp_harnessToken0123456789abcdef";

    private GitHubHarness(SandboxServer sandbox, TestWarehouse warehouse, string directory)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Directory = directory;
    }

    public SandboxServer Sandbox { get; }

    public GitHubFake GitHub => Sandbox.GitHub;

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public string Token { get; set; } = GoodToken;

    public static async Task<GitHubHarness> StartAsync(string warehouseKind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var directory = System.IO.Directory.CreateTempSubdirectory("gh-github-").FullName;
        var harness = new GitHubHarness(sandbox, warehouse, directory);
        harness.WriteConfig();
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="scope"/> is the repositories/organizations lines, <paramref name="source"/> more lines.</summary>
    public void WriteConfig(string scope = "organizations: acme", string source = "")
    {
        var lines = string.Join("", $"{scope}\n{source}".Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              github:
                type: github
                token: ${{{TokenVariable}}}
                base_url: {{Sandbox.VendorUrls["github"]}}
                requests_per_second: 1000
                retry_base_delay: 10ms
            {{lines}}
            """);
    }

    public GreenhouseConfig LoadConfig() =>
        new ConfigLoader(Connectors.All, name => name == TokenVariable ? Token : null).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null, CancellationToken cancellationToken = default) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"), cancellationToken: cancellationToken);

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public string Table(string stream)
    {
        var descriptor = new GitHubConnector().Catalog.Single(d => d.Name == stream);
        return Warehouse.TableSql(descriptor);
    }

    public async Task<HashSet<string>> LiveIdsAsync(string stream)
    {
        var result = await QueryAsync($"SELECT id FROM {Table(stream)} WHERE _gh_deleted_at IS NULL");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }

    /// <summary>The ids the fake holds for <paramref name="stream"/> across <paramref name="repositories"/> (all by default).</summary>
    public HashSet<string> ExpectedIds(string stream, params string[] repositories) =>
        [.. (repositories.Length == 0 ? GitHub.Data.Repositories : repositories).SelectMany(r => stream == "repositories"
            ? [GitHub.Data.RepositoryId(r).ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : GitHub.Data.Ids(stream, r))];

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
            // The OS cleans temp folders.
        }
    }

    public static readonly string[] Streams = ["repositories", "issues", "pull_requests", "issue_comments", "releases"];
}
