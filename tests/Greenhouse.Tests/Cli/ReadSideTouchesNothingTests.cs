using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Warehouse;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// Read-side commands (<c>query</c>, <c>status</c>, <c>state show</c>) never migrate or create anything: a missing SQLite
/// file is "no warehouse at …" with no file left behind, an out-of-date warehouse says to run sync or migrate, and a
/// login that may only read can run them.
/// </summary>
public sealed class ReadSideTouchesNothingTests
{
    private static readonly string[][] ReadCommands = [["status"], ["state", "show"], ["query", "SELECT 1 AS one"]];

    [Fact]
    public async Task A_query_against_a_missing_sqlite_file_says_so_and_creates_no_file()
    {
        var directory = Directory.CreateTempSubdirectory("gh-read-").FullName;

        var result = await Infrastructure.Cli.RunAsync(directory, null, "query", "--warehouse", "sqlite:typo.db", "SELECT 1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no warehouse at ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("typo.db", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public async Task Status_state_and_query_on_a_fresh_config_create_no_warehouse()
    {
        var directory = Directory.CreateTempSubdirectory("gh-read-").FullName;
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(directory, null, "init")).ExitCode);

        foreach (var command in ReadCommands)
        {
            var result = await Infrastructure.Cli.RunAsync(directory, null, command);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: exit {result.ExitCode}: {result.Stderr}");
            Assert.Contains("no warehouse at ", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("greenhouse sync", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(["greenhouse.yml"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_out_of_date_or_newer_warehouse_says_what_to_run(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [coupons]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);
        var migrations = harness.MetaTable("_gh_migrations");
        await using var owner = harness.Warehouse.Open();
        await owner.ExecuteAsync($"DELETE FROM {migrations} WHERE version = (SELECT max(version) FROM {migrations})");

        foreach (var command in new[] { new[] { "status" }, ["state", "show"] })
        {
            var stale = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, command);
            Assert.True(stale.ExitCode == 2, $"{string.Join(' ', command)}: exit {stale.ExitCode}: {stale.Stderr}");
            Assert.Contains("is out of date", stale.Stderr, StringComparison.Ordinal);
            Assert.Contains("`greenhouse migrate`", stale.Stderr, StringComparison.Ordinal);
        }

        await owner.ExecuteAsync($"INSERT INTO {migrations} (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')");
        var newer = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "status");
        Assert.Equal(2, newer.ExitCode);
        Assert.Contains("newer Greenhouse", newer.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_warehouse_read_side_commands_then_read()
    {
        var directory = Directory.CreateTempSubdirectory("gh-read-").FullName;
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(directory, null, "init")).ExitCode);

        var migrate = await Infrastructure.Cli.RunAsync(directory, null, "migrate");
        var status = await Infrastructure.Cli.RunAsync(directory, null, "status");

        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        Assert.Contains("up to date", migrate.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "greenhouse.db")));
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("stripe.customers", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_that_may_only_read_runs_query_status_and_state_show()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");
        var directory = Directory.CreateTempSubdirectory("gh-read-").FullName;
        File.WriteAllText(Path.Combine(directory, "greenhouse.yml"), $$"""
            warehouse: "{{ReadPath.ConnectionStringFor(path.Role!)}}"
            schema: {{path.Test.RawSchema}}
            sources:
              stripe: {type: stripe, api_key: "${GH_UNSET_KEY_FOR_READS}"}
            """);

        var query = await Infrastructure.Cli.RunAsync(directory, null, "query", $"SELECT count(*) AS n FROM {path.Table}");
        var status = await Infrastructure.Cli.RunAsync(directory, null, "status");
        var state = await Infrastructure.Cli.RunAsync(directory, null, "state", "show");

        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Contains("3", query.Stdout, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("stripe.customers", status.Stdout, StringComparison.Ordinal);
        Assert.True(state.ExitCode == 0, state.Stderr);
    }
}
