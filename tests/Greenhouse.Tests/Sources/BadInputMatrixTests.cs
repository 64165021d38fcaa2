using Greenhouse.Sandbox;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sources;

/// <summary>
/// The bad inputs every vendor must survive, one row per vendor (<see cref="BadInputCase"/>) against its fake over HTTP,
/// into SQLite and PostgreSQL. The cells each vendor's own tests cover (a rejected credential, a malformed page, a
/// repeated cursor, GraphQL errors, a missing organization or repository) stay next to them.
/// </summary>
public sealed class BadInputMatrixTests
{
    public static TheoryData<string, string> EveryVendor => BadInputCase.Rows();

    public static TheoryData<string, string> VendorsWithoutANotFoundTest => BadInputCase.Rows("linear", "plain", "buttondown", "rest");

    [Theory]
    [MemberData(nameof(EveryVendor))]
    public async Task A_credential_revoked_mid_run_keeps_the_committed_pages_holds_the_cursor_and_a_rerun_converges(string vendor, string kind)
    {
        var row = BadInputCase.All[vendor];
        await using var harness = await row.StartAsync(kind);
        var expected = row.Expected(harness);
        row.Faults(harness.Sandbox).Add(new FaultRule(row.Path, FaultKind.Status, OnRequest: row.PagesBeforeRevocation + 1, Times: int.MaxValue, StatusCode: 401));

        var failed = harness.Stream(await harness.SyncAsync(row.Request), row.Stream);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(row.PagesBeforeRevocation, failed.Pages);
        Assert.Contains($"${{{row.Vendor.Variable}}}", failed.Error);
        Assert.DoesNotContain(harness.Secret, failed.Error);
        var committed = await harness.LiveIdsAsync(row.Stream);
        Assert.Equal(row.PagesBeforeRevocation * row.PageSize, committed.Count);
        Assert.Subset(expected, committed);
        RunAssert.PendingWithoutCursor(await harness.StateAsync(row.Stream));

        row.Faults(harness.Sandbox).Clear();
        var rerun = harness.Stream(await harness.SyncAsync(row.Request), row.Stream);

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.True(rerun.Resumed);
        Assert.Equal(expected, await harness.LiveIdsAsync(row.Stream));
    }

    [Theory]
    [MemberData(nameof(EveryVendor))]
    public async Task A_record_twice_in_a_page_lands_once_and_the_next_run_rewrites_nothing(string vendor, string kind)
    {
        var row = BadInputCase.All[vendor];
        await using var harness = await row.StartAsync(kind);
        var expected = row.Expected(harness);
        row.RepeatFirstRecord(harness.Sandbox);

        var first = harness.Stream(await harness.SyncAsync(row.Request), row.Stream);

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.True(first.Pages > 1, $"{first.Pages} page(s)");
        Assert.Equal(expected.Count + first.Pages, first.Records);
        Assert.Equal(new BatchCounts(expected.Count, 0, 0, 0), first.Counts);
        Assert.Equal(expected, await harness.LiveIdsAsync(row.Stream));
        Assert.Equal(expected.Count, await harness.CountAsync(row.Stream));

        var second = harness.Stream(await harness.SyncAsync(row.Request), row.Stream);

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(0, second.Counts.New);
        Assert.Equal(0, second.Counts.Updated);
        Assert.Equal(0, second.Counts.Deleted);
        Assert.Equal(expected, await harness.LiveIdsAsync(row.Stream));
    }

    [Theory]
    [MemberData(nameof(VendorsWithoutANotFoundTest))]
    public async Task A_base_url_the_api_is_not_at_fails_with_the_404_explained_and_commits_nothing(string vendor, string kind)
    {
        var row = BadInputCase.All[vendor];
        await using var harness = await row.StartAsync(kind);
        harness.WriteConfig(baseUrl: new Uri($"{harness.Sandbox.VendorUrls[row.Vendor.Fake!]}/no-such-api/"));

        var run = harness.Stream(await harness.SyncAsync(row.Request), row.Stream);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("HTTP 404", run.Error);
        Assert.Contains("not found", run.Error);
        Assert.Contains("base_url", run.Error);
        Assert.Equal(0, await harness.CountAsync(row.Stream));
        Assert.Null((await harness.StateAsync(row.Stream))?["cursor"]);
    }
}
