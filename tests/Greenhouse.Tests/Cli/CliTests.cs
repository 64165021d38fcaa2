using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>The greenhouse command as a user and a script run it: a real process, real exit codes, real output.</summary>
public sealed class CliTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Sync_json_prints_the_run_summary_contract_and_exits_zero(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("run_id").GetInt64() > 0);
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(8, streams.Count);
        var customers = streams.Single(s => s.GetProperty("stream").GetString() == "stripe.customers");
        Assert.Equal("succeeded", customers.GetProperty("status").GetString());
        Assert.Equal(harness.Sandbox.Stripe.Data.Count("customers"), customers.GetProperty("new").GetInt32());
        foreach (var key in new[] { "updated", "unchanged", "deleted", "pages" })
        {
            Assert.Equal(JsonValueKind.Number, customers.GetProperty(key).ValueKind);
        }

        Assert.Equal(JsonValueKind.Number, customers.GetProperty("seconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, customers.GetProperty("error").ValueKind);
        Assert.Contains("stripe.customers", result.Stderr);
        Assert.DoesNotContain(harness.Secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task An_unknown_stream_exits_two_with_a_suggestion()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--stream", "stripe.custmers");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stream stripe.custmers: no such stream", result.Stderr);
        Assert.Contains("Did you mean 'stripe.customers'?", result.Stderr);
    }

    [Fact]
    public async Task A_bad_since_date_exits_two()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--since", "last tuesday");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("yyyy-MM-dd", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_failed_stream_makes_the_exit_code_non_zero_and_status_shows_it(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/prices", FaultKind.MalformedJson));

        var sync = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--json");
        Assert.Equal(1, sync.ExitCode);
        Assert.Equal("partial", JsonDocument.Parse(sync.Stdout).RootElement.GetProperty("status").GetString());

        var status = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("stripe.prices", status.Stdout);
        Assert.Contains("never", status.Stdout);
        Assert.Contains("not valid JSON", status.Stdout);
        Assert.Contains("stripe.customers", status.Stdout);
    }

    [Fact]
    public async Task State_show_and_reset_read_and_clear_a_streams_cursor()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons, products]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var show = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "show", "stripe.coupons");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("stripe.coupons", show.Stdout);
        Assert.Contains("\"cursor\"", show.Stdout);
        Assert.DoesNotContain("stripe.products", show.Stdout);

        var reset = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "reset", "stripe.coupons");
        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("next sync is a full refresh", reset.Stdout);
        Assert.Equal("", (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "show", "stripe.coupons")).Stdout.Trim());

        var again = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--json");
        var coupons = JsonDocument.Parse(again.Stdout).RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "stripe.coupons");
        Assert.Equal("full_refresh", coupons.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Bad_config_exits_two_naming_file_key_and_problem()
    {
        var directory = Directory.CreateTempSubdirectory("gh-cli-").FullName;
        File.WriteAllText(Path.Combine(directory, "greenhouse.yml"), "sources:\n  stripe:\n    type: stripe\n    api_key: ${GH_UNSET_VARIABLE_XYZ}\n");

        var result = await Infrastructure.Cli.RunAsync(directory, null, "sync");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("greenhouse.yml:4:", result.Stderr);
        Assert.Contains("sources.stripe.api_key", result.Stderr);
        Assert.Contains("GH_UNSET_VARIABLE_XYZ is not set", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_missing_config_file_exits_two_and_points_at_init()
    {
        var directory = Directory.CreateTempSubdirectory("gh-cli-").FullName;
        var result = await Infrastructure.Cli.RunAsync(directory, null, "sync", "--config", "missing.yml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.yml", result.Stderr);
        Assert.Contains("greenhouse init", result.Stderr);
    }

    [Fact]
    public async Task Help_names_the_command_greenhouse()
    {
        var directory = Directory.CreateTempSubdirectory("gh-cli-").FullName;

        var root = await Infrastructure.Cli.RunAsync(directory, null, "--help");
        var sync = await Infrastructure.Cli.RunAsync(directory, null, "sync", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("greenhouse [command] [options]", root.Stdout);
        Assert.Contains("greenhouse sync [options]", sync.Stdout);
        Assert.DoesNotContain("Greenhouse.Cli", root.Stdout + sync.Stdout);
    }

    [Fact]
    public async Task An_unreachable_warehouse_exits_three_without_the_password()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        File.WriteAllText(harness.ConfigPath, $$"""
            warehouse: postgresql://greenhouse:hunter2secret@127.0.0.1:1/nowhere
            sources:
              stripe: {type: stripe, api_key: "${{{SandboxVendor.Stripe.Variable}}}", base_url: "{{harness.Sandbox.VendorUrls["stripe"]}}"}
            """);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("127.0.0.1:1", result.Stderr);
        Assert.DoesNotContain("hunter2secret", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Init_writes_a_starter_config_that_loads_and_refuses_to_overwrite()
    {
        var directory = Directory.CreateTempSubdirectory("gh-cli-").FullName;

        var init = await Infrastructure.Cli.RunAsync(directory, null, "init");
        Assert.Equal(0, init.ExitCode);
        var config = new ConfigLoader(BuiltInConnectors.Create(), name => name == "STRIPE_API_KEY" ? "sk_test_x_123456" : null).Load(Path.Combine(directory, "greenhouse.yml"));
        Assert.Equal("stripe", Assert.Single(config.Sources).Type);
        Assert.StartsWith("sqlite:", config.Warehouse.Description);

        var again = await Infrastructure.Cli.RunAsync(directory, null, "init");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr);
    }

    [Fact]
    public async Task Demo_syncs_the_sandbox_and_answers_questions()
    {
        var directory = Directory.CreateTempSubdirectory("gh-demo-").FullName;

        var result = await Infrastructure.Cli.RunAsync(directory, new Dictionary<string, string> { ["COLUMNS"] = "80" }, "demo");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length} columns: {line}"));
        var prose = string.Join(' ', result.Stdout.Split('\n').Select(l => l.Trim()));
        Assert.Contains("The sandbox serves fake Stripe, GitHub, Linear, Plain, Sentry, Buttondown and ECB APIs at http://127.0.0.1:", prose);
        Assert.DoesNotContain("fake Stripe at", prose);
        Assert.Contains("MRR this month, one number in one currency", prose);
        Assert.Matches(@"│ \d{4}-\d{2}-\d{2}\S* +│ EUR +│ [\d.]+ +│", result.Stdout);
        Assert.Contains("SELECT plan, MIN(reporting_currency) AS currency", prose);
        Assert.Contains("FROM analytics_fct_mrr", prose);
        Assert.Contains("Active subscriptions and MRR per plan", prose);
        Assert.Contains("Top customers by lifetime paid", prose);
        Assert.Contains("stripe.invoices", prose);
        foreach (var stream in new[] { "github.issues", "linear.issues", "plain.threads", "sentry.issues", "buttondown.subscribers", "ecb.rates" })
        {
            Assert.Contains(stream, prose);
        }

        Assert.Contains("Newsletter subscribers who pay", prose);
        Assert.Contains("model.sandbox_shop.fct_mrr", prose);
        Assert.Contains("MRR movements of the last six months", prose);
        Assert.Matches(@"Done\. \d+ succeeded\.", result.Stdout);
        Assert.DoesNotContain("failed", prose);
        Assert.True(File.Exists(Path.Combine(directory, "greenhouse-demo-transform", "models", "marts", "fct_mrr.sql")));
        // The checks find the sandbox's offenders and tell its Slack; the project's data tests all pass.
        Assert.Matches(@"(\d+) of \1 data tests passed\.", prose);
        Assert.Matches(@"overdue_linear_issues \(warn\): Linear issues open more than two days past their due date: \d+ rows?", prose);
        Assert.Matches(@"discounts_without_a_note \(warn\): .*: \d+ rows?", prose);
        Assert.Contains("sent to the sandbox's Slack", prose);
        Assert.Contains("check discounts_without_a_note fails", prose);
        Assert.Contains("HTTP 200, applied; the warehouse says changed.by.webhook@example.com", prose);
        Assert.Contains("HTTP 200, applied; the warehouse says \"Retitled by a webhook\"", prose);
        Assert.True(File.Exists(Path.Combine(directory, "greenhouse-demo.db")));

        var query = await Infrastructure.Cli.RunAsync(directory, null, "query", "--warehouse", "sqlite:greenhouse-demo.db", "SELECT COUNT(*) AS n FROM raw_stripe_customers");
        Assert.Equal(0, query.ExitCode);
        Assert.Contains("(1 row)", query.Stdout);
        var open = await Infrastructure.Cli.RunAsync(directory, null, "query", "--warehouse", "sqlite:greenhouse-demo.db",
            "SELECT check_name, COUNT(*) AS open_rows FROM _gh_check_rows WHERE resolved_at IS NULL GROUP BY check_name ORDER BY check_name");
        Assert.Equal(0, open.ExitCode);
        Assert.Contains("discounts_without_a_note", open.Stdout);
        Assert.Contains("overdue_linear_issues", open.Stdout);
        Assert.Contains("(2 rows)", open.Stdout);
        var model = await Infrastructure.Cli.RunAsync(directory, null, "query", "--warehouse", "sqlite:greenhouse-demo.db", "SELECT COUNT(*) AS n FROM analytics_dim_customers");
        Assert.Equal(0, model.ExitCode);
        Assert.Contains("(1 row)", model.Stdout);

        File.WriteAllText(Path.Combine(directory, "greenhouse.yml"), "warehouse: sqlite:greenhouse-demo.db\nsources:\n  stripe: {type: stripe, api_key: \"${GH_UNSET_DEMO_KEY}\"}\n");
        var status = await Infrastructure.Cli.RunAsync(directory, new Dictionary<string, string> { ["COLUMNS"] = "80" }, "status");
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.All(status.Stdout.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length} columns: {line}"));
        Assert.Contains(" model.sandbox_shop.fct_mrr ", status.Stdout);
    }
}
