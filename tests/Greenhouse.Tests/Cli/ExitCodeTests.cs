using System.Diagnostics;
using Greenhouse.Sandbox;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// The exit-code contract: a mistake in what the user typed (arguments, config, SQL) exits 2; 3 only when the warehouse
/// cannot be reached, so a script that retries on 3 does not retry a typo; every error is one line, never a stack trace.
/// </summary>
public sealed class ExitCodeTests
{
    private static string Empty() => Directory.CreateTempSubdirectory("gh-exit-").FullName;

    private static void AssertOneClearError(Infrastructure.Cli.Result result, int code)
    {
        Assert.True(result.ExitCode == code, $"exit {result.ExitCode}: {result.Stderr}");
        // The harness's PostgreSQL setting holds its password literally: that warning may come first.
        var errors = string.Join('\n', result.Stderr.Split('\n').Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal)));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sycn")]
    [InlineData("sync", "--bogus")]
    [InlineData("query")]
    [InlineData("state", "show", "stripe.customers", "extra")]
    [InlineData("query", "--max-rows", "many", "SELECT 1")]
    public async Task A_mistyped_command_line_exits_two_with_one_error_line(params string[] args)
    {
        var result = await Infrastructure.Cli.RunAsync(Empty(), null, args);

        AssertOneClearError(result, 2);
        Assert.Contains("--help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_misspelt_command_gets_a_suggestion()
    {
        var result = await Infrastructure.Cli.RunAsync(Empty(), null, "sycn");

        Assert.Contains("Did you mean 'sync'?", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_warehouse_url_exits_two()
    {
        var result = await Infrastructure.Cli.RunAsync(Empty(), null, "query", "--warehouse", "mysql://me:secret@db/shop", "SELECT 1");

        AssertOneClearError(result, 2);
        Assert.Contains("Unsupported warehouse setting", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_sql_syntax_error_exits_two_not_three(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [coupons]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "query", "SELEC id FROM " + harness.Table("coupons"));

        AssertOneClearError(result, 2);
        Assert.Contains("syntax error", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_write_without_write_exits_two(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [coupons]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "query", "DELETE FROM " + harness.Table("coupons"));

        AssertOneClearError(result, 2);
        Assert.Contains("pass --write", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_that_may_not_create_tables_gets_one_line_not_a_stack_trace()
    {
        await using var path = await Warehouse.ReadPath.CreateAsync("postgresql");
        var directory = Empty();
        File.WriteAllText(Path.Combine(directory, "greenhouse.yml"), $$"""
            warehouse: "{{Warehouse.ReadPath.ConnectionStringFor(path.Role!)}}"
            schema: {{path.Test.RawSchema}}
            sources:
              stripe: {type: stripe, api_key: "${GH_TEST_KEY}", base_url: "http://127.0.0.1:9"}
            """);

        var result = await Infrastructure.Cli.RunAsync(directory, new Dictionary<string, string> { ["GH_TEST_KEY"] = "sk_test_0123456789" }, "sync");

        AssertOneClearError(result, 2);
        Assert.Contains("may not create or update Greenhouse's tables", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Ctrl_c_during_sync_records_the_run_interrupted_at_once(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [customers]");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.Slow, OnRequest: 1, Times: int.MaxValue, Delay: TimeSpan.FromSeconds(30)));

        using var process = Infrastructure.Cli.Start(harness.Directory, harness.Environment, "sync");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data?.Contains("stripe.customers: started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        var interrupted = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        interrupted.Stop();

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {stderr}");
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        var summary = await stdout;
        Assert.True(summary.Contains("interrupted", StringComparison.Ordinal), summary + stderr);
        var runs = await harness.QueryAsync($"SELECT status FROM {harness.MetaTable("_gh_runs")} ORDER BY run_id");
        Assert.Equal("interrupted", Assert.Single(runs.Rows)[0]);
    }
}
