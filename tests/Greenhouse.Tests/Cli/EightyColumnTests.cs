using System.Text.RegularExpressions;
using Greenhouse.Cli.Rendering;
using Greenhouse.Sandbox;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// Output that reads on an 80×24 terminal: tables leave out or shorten columns before they break a stream's name,
/// progress lines fit beside their timer, and progress and summary use the same words, with counts that add up.
/// </summary>
public sealed partial class EightyColumnTests
{
    [GeneratedRegex(@" (?<records>[\d,]+) records?: (?<counts>[^(\n]*)")]
    private static partial Regex Finished();

    private static Dictionary<string, string> At80(SourceHarness harness) => new(harness.Environment) { ["COLUMNS"] = "80" };

    private static void AssertFits(string output, IEnumerable<string> streams)
    {
        var lines = output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length} columns: {line}"));
        foreach (var stream in streams)
        {
            Assert.Contains(lines, line => line.Contains($" {stream} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_sync_summary_and_status_fit_80_columns_with_every_stream_name_whole()
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe, SandboxVendor.Buttondown], "sqlite");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/refunds", FaultKind.Status, Times: int.MaxValue, StatusCode: 403));

        var sync = await Infrastructure.Cli.RunAsync(harness.Directory, At80(harness), "sync");
        var status = await Infrastructure.Cli.RunAsync(harness.Directory, At80(harness), "status");

        Assert.Equal(1, sync.ExitCode);
        var streams = new[] { "stripe.customers", "stripe.subscriptions", "stripe.refunds", "buttondown.subscribers" };
        AssertFits(sync.Stdout, streams);
        Assert.Matches(@"run \d+: partial in [\d.]+s \(\d+ of \d+ streams, 1 failed\)", sync.Stdout);
        Assert.True(status.ExitCode == 0, status.Stderr);
        AssertFits(status.Stdout, streams);
    }

    [Fact]
    public async Task Plain_progress_says_unchanged_and_one_page_and_its_counts_add_up_to_the_records()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var again = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync");

        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain(" same ", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" 1 pages", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("unchanged", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("(8 of 8 streams)", again.Stderr, StringComparison.Ordinal);
        var finished = Finished().Matches(again.Stderr);
        Assert.Equal(8, finished.Count);
        foreach (Match line in finished)
        {
            var records = int.Parse(line.Groups["records"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var sum = line.Groups["counts"].Value.Trim().Split(", ").Where(c => !c.StartsWith("nothing", StringComparison.Ordinal) && !c.EndsWith(" deleted", StringComparison.Ordinal))
                .Sum(c => int.Parse(c.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(sum == records, line.Value);
        }
    }

    [Fact]
    public void A_live_progress_line_fits_beside_its_timer_and_keeps_the_stream_name()
    {
        var progress = new StreamProgress("buttondown.subscribers", 123, 12_345, new BatchCounts(6_000, 345, 5_000, 0), 0, TimeSpan.FromSeconds(3));

        var wide = ProgressText.Progress(progress, 200);
        var narrow = ProgressText.Progress(progress, 66);

        Assert.Equal("buttondown.subscribers: 123 pages · 12,345 records (4,115/s) · 6,000 new · 345 updated · 5,000 unchanged · 1,000 repeated", wide);
        Assert.True(narrow.Length <= 66, narrow);
        Assert.StartsWith("buttondown.subscribers: ", narrow, StringComparison.Ordinal);
        Assert.Contains("5,000 unchanged", narrow, StringComparison.Ordinal);
        Assert.Equal("1 page", ProgressText.Pages(1));
    }
}
