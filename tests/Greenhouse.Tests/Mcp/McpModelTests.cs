using System.Text.Json;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Mcp;

/// <summary>MCP's faces on the transform project and the checks: list_models, get_model and check_results on a built project.</summary>
public sealed class McpModelTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_client_reads_models_with_lineage_tests_and_compiled_sql_and_the_failing_checks_with_their_rows(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        Assert.Equal(0, (await Cli(harness, "transform", "init")).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "transform", "models", "marts", "customers_per_currency.sql"),
            "select currency, count(*) as customers from {{ ref('stg_stripe__customers') }} group by currency");
        var build = await Cli(harness, "transform", "build", "-s", "+customers_per_currency");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        Directory.CreateDirectory(Path.Combine(harness.Directory, "checks"));
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "checks", "checks.yml"), """
            checks:
              customers_without_email:
                description: Stripe customers Greenhouse cannot reach
                sql: select customer_id, name from {{ ref('stg_stripe__customers') }} where email is null or email = '' or email like 'a%'
                key: customer_id
                severity: warn
              no_negative_counts:
                sql: select * from {{ ref('customers_per_currency') }} where customers < 0
            """);
        Assert.Equal(0, (await Cli(harness, "check", "run")).ExitCode);
        var token = await McpSessions.AddTokenAsync(harness, "claude");
        var (app, address) = await McpSessions.ServeAsync(harness);
        await using var _ = app;
        await using var client = await McpSessions.HttpAsync(address, token.Token);

        var list = await McpSessions.CallAsync(client, "list_models");
        var models = list.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var staging = models["stg_stripe__customers"];
        Assert.Equal("view", staging.GetProperty("materialized").GetString());
        Assert.Contains("stripe.customers as landed", staging.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["model.greenhouse.customers_per_currency"], Strings(staging, "children"));
        Assert.Contains("source.greenhouse.stripe.customers", Strings(staging, "parents"));
        Assert.Equal("succeeded", staging.GetProperty("last_build").GetProperty("status").GetString());
        Assert.False(models["stg_stripe__charges"].TryGetProperty("last_build", out var unbuilt) && unbuilt.ValueKind != JsonValueKind.Null);
        var tests = staging.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(["not_null", "unique"], tests.Select(t => t.GetProperty("test").GetString()).Order());
        Assert.All(tests, t => Assert.Equal("customer_id", t.GetProperty("column").GetString()));
        Assert.All(tests, t => Assert.Equal("succeeded", t.GetProperty("last_run").GetProperty("status").GetString()));

        var detail = await McpSessions.CallAsync(client, "get_model", new() { ["model"] = "customers_per_currency" });
        Assert.Contains("stg_stripe__customers", detail.GetProperty("compiled_sql").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ref(", detail.GetProperty("compiled_sql").GetString(), StringComparison.Ordinal);
        Assert.Equal("models/marts/customers_per_currency.sql", detail.GetProperty("path").GetString());
        Assert.Equal("table", detail.GetProperty("model").GetProperty("materialized").GetString());

        var unknown = await McpSessions.CallRawAsync(client, "get_model", new() { ["model"] = "customers_per_curency" });
        Assert.True(unknown.IsError);
        Assert.Contains("Did you mean 'customers_per_currency'?", McpSessions.Text(unknown), StringComparison.Ordinal);

        var checks = (await McpSessions.CallAsync(client, "check_results")).GetProperty("checks").EnumerateArray().ToList();
        // The build's data tests are checks too, named as dbt names them.
        Assert.Equal(["customers_without_email", "no_negative_counts", "not_null_stg_stripe__customers_customer_id", "unique_stg_stripe__customers_customer_id"],
            checks.Select(c => c.GetProperty("name").GetString()!));
        Assert.All(checks[2..], c => Assert.Equal("pass", c.GetProperty("status").GetString()));
        var failing = checks[0];
        Assert.Equal("warn", failing.GetProperty("status").GetString());
        Assert.True(failing.GetProperty("open_row_count").GetInt32() > 0);
        var row = failing.GetProperty("open_rows")[0];
        Assert.StartsWith("cus_", row.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal(row.GetProperty("key").GetString(), row.GetProperty("row").GetProperty("customer_id").GetString());
        Assert.Equal("pass", checks[1].GetProperty("status").GetString());
        Assert.Empty(checks[1].GetProperty("open_rows").EnumerateArray());

        var one = await McpSessions.CallAsync(client, "check_results", new() { ["check"] = "customers_without_email", ["max_rows"] = 1 });
        Assert.Single(Assert.Single(one.GetProperty("checks").EnumerateArray()).GetProperty("open_rows").EnumerateArray());
    }

    [Fact]
    public async Task Without_a_transform_project_list_models_says_so()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var token = await McpSessions.AddTokenAsync(harness, "claude");
        var (app, address) = await McpSessions.ServeAsync(harness);
        await using var _ = app;
        await using var client = await McpSessions.HttpAsync(address, token.Token);

        var result = await McpSessions.CallRawAsync(client, "list_models");

        Assert.True(result.IsError);
        Assert.Contains("no transform project", McpSessions.Text(result), StringComparison.Ordinal);
    }

    private static Task<Infrastructure.Cli.Result> Cli(SourceHarness harness, params string[] args) =>
        Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, args);

    private static List<string> Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
