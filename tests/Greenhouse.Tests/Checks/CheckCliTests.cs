using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Checks;

/// <summary><c>greenhouse check run|ls|show</c> as a user runs them: exit 1 only when an error-severity check fails or cannot run.</summary>
public sealed class CheckCliTests
{
    private static Task<Infrastructure.Cli.Result> RunAsync(SourceHarness harness, params string[] args) =>
        Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, args);

    private static void WriteChecks(SourceHarness harness, string yaml)
    {
        Directory.CreateDirectory(Path.Combine(harness.Directory, "checks"));
        File.WriteAllText(Path.Combine(harness.Directory, "checks", "checks.yml"), yaml);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Check_run_exits_1_on_a_failing_error_check_and_0_with_warnings_only(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        WriteChecks(harness, """
            checks:
              coupons_without_note:
                description: Customers with a coupon and no note
                sql: select 'cus_1' as id, 'SPRING' as coupon union all select 'cus_2', 'SPRING'
                key: id
                message: "{{ id }} uses {{ coupon }}"
              late_invoices:
                sql: select 'in_1' as id
                key: id
                severity: warn
              nothing_wrong:
                sql: select 'x' as id where 1 = 0
            """);

        var run = await RunAsync(harness, "check", "run");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("FAIL   coupons_without_note: 2 rows failing, 2 new", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("WARN   late_invoices: 1 row failing, 1 new", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS   nothing_wrong", run.Stdout, StringComparison.Ordinal);

        var warnOnly = await RunAsync(harness, "check", "run", "late_invoices", "nothing_wrong");
        Assert.True(warnOnly.ExitCode == 0, warnOnly.Stdout + warnOnly.Stderr);

        var ls = await RunAsync(harness, "check", "ls");
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        var line = Assert.Single(ls.Stdout.Split('\n'), l => l.StartsWith("coupons_without_note", StringComparison.Ordinal));
        Assert.Matches(@"coupons_without_note\s+error\s+error\s+2\s+\d{4}-\d\d-\d\d", line);

        var show = await RunAsync(harness, "check", "show", "coupons_without_note");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("cus_1 uses SPRING", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("cus_2 uses SPRING", show.Stdout, StringComparison.Ordinal);

        var unknown = await RunAsync(harness, "check", "show", "coupons_without_notes");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Did you mean 'coupons_without_note'?", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_run_exits_1_when_a_check_cannot_run_and_says_where_it_is()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        WriteChecks(harness, "checks:\n  broken:\n    sql: select nope from nowhere\n    severity: warn\n");

        var run = await RunAsync(harness, "check", "run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ERROR  broken: could not run: checks/checks.yml:3: check broken: the query failed:", run.Stdout, StringComparison.Ordinal);
    }
}
