using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.GitHub;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// A warehouse the previous version landed (its hash was SHA-256 of the raw text as received, stored as received)
/// opened by this one: the migration recomputes the hashes, so the next sync of the same data rewrites nothing.
/// </summary>
public sealed class RowHashUpgradeTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task After_the_upgrade_a_sync_of_the_same_data_updates_and_rewrites_no_row(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.Sandbox.GitHub.Indent = true;
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        await LeaveAsThePreviousVersionDidAsync(harness);

        await using (var upgraded = harness.Warehouse.Open())
        {
            await upgraded.MigrateAsync();
        }

        var before = await Task.WhenAll(GitHubSandbox.Streams.Select(harness.RowVersionsAsync));
        var summary = await harness.SyncAsync(new SyncRequest(FullRefresh: true, Trigger: "test"));

        RunAssert.WroteNothing(summary, SyncMode.FullRefresh);
        Assert.All(summary.Streams, s => Assert.Equal(s.Records, s.Counts.Unchanged));
        Assert.True(harness.Stream(summary, "issues").Records > 10);
        Assert.Equal(before, await Task.WhenAll(GitHubSandbox.Streams.Select(harness.RowVersionsAsync)));
        if (kind == "sqlite")
        {
            // The migration stored the indented text compact, as a sync now does.
            var raw = (string)(await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table("issues")} LIMIT 1")).Rows[0][0]!;
            Assert.DoesNotContain('\n', raw);
        }
    }

    /// <summary>Only a SQLite file can hold such a row: PostgreSQL's jsonb column takes nothing but JSON.</summary>
    [Fact]
    public async Task A_row_whose_stored_text_is_not_JSON_keeps_its_hash_and_the_rest_migrate()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, "sqlite");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        await LeaveAsThePreviousVersionDidAsync(harness);
        var table = harness.Table("releases");
        var broken = (string)(await harness.QueryAsync($"SELECT min(id) FROM {table}")).Rows[0][0]!;
        await using (var warehouse = harness.Warehouse.Open())
        {
            await warehouse.ExecuteAsync($"UPDATE {table} SET _gh_raw = '{{not json', _gh_hash = 'old' WHERE id = '{broken}'");
        }

        await using (var upgraded = harness.Warehouse.Open())
        {
            await upgraded.MigrateAsync();
        }

        var summary = await harness.SyncAsync(new SyncRequest(FullRefresh: true, Trigger: "test"));

        var releases = harness.Stream(summary, "releases");
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(1, releases.Counts.Updated);
        Assert.Equal(releases.Records - 1, releases.Counts.Unchanged);
        Assert.Equal(0, harness.Stream(summary, "issues").Counts.Updated);
        Assert.StartsWith("{", (string)(await harness.QueryAsync($"SELECT _gh_raw FROM {table} WHERE id = '{broken}'")).Rows[0][0]!, StringComparison.Ordinal);
    }

    /// <summary>
    /// What the previous version stored for an indented delivery: the text as received in <c>_gh_raw</c>, and
    /// lowercase hex SHA-256 of that text as <c>_gh_hash</c>; and a migrations table without version 3.
    /// </summary>
    private static async Task LeaveAsThePreviousVersionDidAsync(SourceHarness harness)
    {
        var jsonb = harness.Warehouse.Kind == "postgresql" ? "::jsonb" : "";
        await using var warehouse = harness.Warehouse.Open();
        foreach (var stream in GitHubSandbox.Streams)
        {
            var table = harness.Table(stream);
            var rows = await warehouse.QueryAsync($"SELECT id, _gh_raw FROM {table}");
            var updates = rows.Rows.Select(r =>
            {
                var text = JsonNode.Parse((string)r[1]!)!.ToJsonString(Indented);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                return $"UPDATE {table} SET _gh_raw = '{text.Replace("'", "''", StringComparison.Ordinal)}'{jsonb}, _gh_hash = '{hash}' WHERE id = '{r[0]}'";
            });
            Assert.True(await warehouse.ExecuteAsync(string.Join(";\n", updates)) > 0, $"{stream} has no rows");
        }

        await warehouse.ExecuteAsync($"DELETE FROM {harness.MetaTable("_gh_migrations")} WHERE version = 3");
    }
}
