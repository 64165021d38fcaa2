using System.Diagnostics;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sources;

/// <summary>
/// What a source that pages through a vendor's API with a credential must do, against its sandbox fake over HTTP:
/// land every record on its first sync, and survive a rejected key, a key revoked mid-run, a malformed page, a
/// throttled request, a record twice in a page and a base URL the API is not at. The fixture says which fake, which path the watched stream's pages are read from, how
/// many records a page holds, how the vendor throttles and the vendor's wording.
/// </summary>
public abstract class ApiConnectorContract : ConnectorContract
{
    /// <summary>The fake the source reads.</summary>
    protected abstract VendorFake Fake(SandboxServer sandbox);

    /// <summary>The path prefix of the watched stream's page requests (for fault rules).</summary>
    protected abstract string PagePath { get; }

    /// <summary>How many records a full page of the watched stream holds (after <see cref="ConnectorContract.StartAsync"/>).</summary>
    protected abstract int PageSize { get; }

    /// <summary>The ids the fake holds for one of the source's streams.</summary>
    protected abstract IEnumerable<string> ExpectedIds(SourceHarness harness, string stream);

    /// <summary>A credential the vendor refuses.</summary>
    protected abstract string RejectedSecret { get; }

    /// <summary>What every stream's error says when the vendor refuses the credential, besides naming its variable.</summary>
    protected abstract IReadOnlyList<string> RejectedKeyWording { get; }

    /// <summary>The path of the watched stream's first request, which a refused credential fails at once.</summary>
    protected virtual string FirstRequestPath => PagePath;

    /// <summary>Whether every stream may make that first request itself (a listing they share that is not kept when it fails).</summary>
    protected virtual bool FirstRequestShared => false;

    /// <summary>How many pages commit before the key is revoked (the stream must have more).</summary>
    protected virtual int PagesBeforeRevocation => 2;

    /// <summary>Which request for <see cref="PagePath"/> the fake answers with a truncated body.</summary>
    protected virtual int MalformedPage => 2;

    /// <summary>The field the watched stream's committed cursor holds, when the vendor's cursor has a documented one.</summary>
    protected virtual string? CursorField => null;

    /// <summary>How the vendor throttles a request of the watched stream: by default a 429 with <c>Retry-After: 1</c> on its second page.</summary>
    protected virtual FaultRule Throttle => new(PagePath, FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 1);

    /// <summary>The least time the throttled run must take: only the vendor's wait explains it (the backoff is 10 ms).</summary>
    protected virtual TimeSpan ThrottleWait => TimeSpan.FromSeconds(1);

    /// <summary>What the error says when the base URL points where the API is not.</summary>
    protected virtual IReadOnlyList<string> NotFoundWording => ["HTTP 404", "not found", "base_url"];

    /// <summary>
    /// The run a fault on <see cref="PagePath"/> is made in: the whole source, unless another stream's requests share
    /// the path and, run concurrently, would take the fault.
    /// </summary>
    protected virtual SyncRequest FaultedRun => new(Trigger: "test");

    /// <summary>Checks what the first sync's rows hold beyond their ids (typed columns, links between streams).</summary>
    protected virtual Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary) => Task.CompletedTask;

    /// <summary>A run of the watched stream only.</summary>
    protected SyncRequest StreamRun => new(Streams: [$"{Vendor.Source}.{Stream}"], Trigger: "test");

    protected sealed override void ResetCounters(SourceHarness harness) => Fake(harness.Sandbox).ResetCounters();

    /// <summary>Every one of <paramref name="streams"/> holds, live, exactly the ids the fake holds.</summary>
    protected async Task AssertMatchesFakeAsync(SourceHarness harness, IEnumerable<string> streams)
    {
        foreach (var stream in streams)
        {
            var expected = ExpectedIds(harness, stream).ToHashSet();
            var actual = await harness.LiveIdsAsync(stream);
            Assert.True(expected.SetEquals(actual), $"{stream}: warehouse has {actual.Count} live rows, sandbox {expected.Count}; missing {string.Join(",", expected.Except(actual).Take(5))}, extra {string.Join(",", actual.Except(expected).Take(5))}");
        }
    }

    private Task AssertMatchesFakeAsync(SourceHarness harness, RunSummary summary) => AssertMatchesFakeAsync(harness, summary.Streams.Select(OwnName));

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task First_sync_lands_every_record_of_every_stream(string kind)
    {
        await using var harness = await StartAsync(kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.All(summary.Streams, s =>
        {
            Assert.Equal(SyncMode.FullRefresh, s.Mode);
            Assert.Equal(0, s.Warnings);
            Assert.Equal(ExpectedIds(harness, OwnName(s)).Count(), s.Counts.New);
        });
        await AssertMatchesFakeAsync(harness, summary);
        await AssertFirstSyncRowsAsync(harness, summary);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_rejected_key_fails_every_stream_at_once_naming_its_variable_and_never_its_value(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.Secret = RejectedSecret;

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.All(summary.Streams, s =>
        {
            Assert.Equal(RunStatus.Failed, s.Status);
            Assert.Contains($"${{{Vendor.Variable}}}", s.Error);
            Assert.All(RejectedKeyWording, wording => Assert.Contains(wording, s.Error));
            AssertHidesSecret(s.Error);
        });
        // At once: asked once (once per stream, when the streams share the request) and never again.
        Assert.InRange(Fake(harness.Sandbox).RequestCount(FirstRequestPath), 1, FirstRequestShared ? summary.Streams.Count : 1);
        var stored = await harness.QueryAsync($"SELECT error FROM {harness.MetaTable("_gh_stream_runs")}");
        Assert.All(stored.Rows, r => AssertHidesSecret((string?)r[0]));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_credential_revoked_mid_run_keeps_the_committed_pages_holds_the_cursor_and_a_rerun_converges(string kind)
    {
        await using var harness = await StartAsync(kind);
        var expected = ExpectedIds(harness, Stream).ToHashSet();
        var faults = Fake(harness.Sandbox).Faults;
        faults.Add(new FaultRule(PagePath, FaultKind.Status, OnRequest: PagesBeforeRevocation + 1, Times: int.MaxValue, StatusCode: 401));

        var failed = harness.Stream(await harness.SyncAsync(StreamRun), Stream);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(PagesBeforeRevocation, failed.Pages);
        Assert.Contains($"${{{Vendor.Variable}}}", failed.Error);
        Assert.DoesNotContain(harness.Secret, failed.Error);
        var committed = await harness.LiveIdsAsync(Stream);
        Assert.Equal(PagesBeforeRevocation * PageSize, committed.Count);
        Assert.Subset(expected, committed);
        RunAssert.PendingWithoutCursor(await harness.StateAsync(Stream));

        faults.Clear();
        var rerun = harness.Stream(await harness.SyncAsync(StreamRun), Stream);

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.True(rerun.Resumed);
        Assert.Equal(expected, await harness.LiveIdsAsync(Stream));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_malformed_page_commits_nothing_of_it_holds_the_cursor_and_a_rerun_converges(string kind)
    {
        await using var harness = await StartAsync(kind);
        Fake(harness.Sandbox).Faults.Add(new FaultRule(PagePath, FaultKind.MalformedJson, OnRequest: MalformedPage));

        var failed = await harness.SyncAsync(FaultedRun);

        var broken = harness.Stream(failed, Stream);
        Assert.Equal(failed.Streams.Count > 1 ? RunStatus.Partial : RunStatus.Failed, failed.Status);
        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Contains($"page {MalformedPage}", broken.Error);
        Assert.Contains("is not valid JSON", broken.Error);
        Assert.All(failed.Streams.Where(s => s != broken), s => Assert.Equal(RunStatus.Succeeded, s.Status));
        Assert.Equal((MalformedPage - 1) * PageSize, (await harness.LiveIdsAsync(Stream)).Count);
        var state = await harness.StateAsync(Stream);
        RunAssert.PendingWithoutCursor(state);
        Assert.Contains("\"cursor\":null", state!.ToJsonString());
        var runs = await harness.QueryAsync($"SELECT status FROM {harness.MetaTable("_gh_stream_runs")} WHERE run_id = {failed.RunId} AND stream = '{broken.Stream}'");
        Assert.Equal("failed", runs.Rows.Single()[0]);

        var rerun = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.True(harness.Stream(rerun, Stream).Resumed);
        await AssertMatchesFakeAsync(harness, rerun);
        var cursor = (await harness.StateAsync(Stream))?["cursor"];
        Assert.NotNull(cursor);
        if (CursorField is { } field)
        {
            Assert.Contains(field, cursor.ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_throttled_request_is_waited_out_and_the_run_succeeds(string kind)
    {
        await using var harness = await StartAsync(kind);
        var fake = Fake(harness.Sandbox);
        fake.Faults.Add(Throttle);
        var watch = Stopwatch.StartNew();

        var summary = await harness.SyncAsync(FaultedRun);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(watch.Elapsed >= ThrottleWait, $"waited only {watch.Elapsed}; the vendor asked for {ThrottleWait}");
        // The throttled request, and only it, was asked again as it was.
        var requests = fake.RequestLog.Where(r => r.StartsWith(Throttle.PathPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(requests[Throttle.OnRequest - 1], requests[Throttle.OnRequest]);
        Assert.Equal(requests.Distinct().Count() + 1, requests.Count);
        await AssertMatchesFakeAsync(harness, summary);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_record_twice_in_a_page_lands_once_and_the_next_run_rewrites_nothing(string kind)
    {
        await using var harness = await StartAsync(kind);
        var expected = ExpectedIds(harness, Stream).ToHashSet();
        Fake(harness.Sandbox).RepeatFirstRecord = true;

        var first = harness.Stream(await harness.SyncAsync(StreamRun), Stream);

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.True(first.Pages > 1, $"{first.Pages} page(s)");
        Assert.Equal(expected.Count + first.Pages, first.Records);
        Assert.Equal(new BatchCounts(expected.Count, 0, 0, 0), first.Counts);
        Assert.Equal(expected, await harness.LiveIdsAsync(Stream));
        Assert.Equal(expected.Count, await harness.CountAsync(Stream));

        var second = harness.Stream(await harness.SyncAsync(StreamRun), Stream);

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(0, second.Counts.New);
        Assert.Equal(0, second.Counts.Updated);
        Assert.Equal(0, second.Counts.Deleted);
        Assert.Equal(expected, await harness.LiveIdsAsync(Stream));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_base_url_the_api_is_not_at_fails_with_the_404_explained_and_commits_nothing(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteConfig(baseUrl: new Uri($"{harness.Sandbox.VendorUrls[Vendor.Fake!]}/no-such-api/"));

        var run = harness.Stream(await harness.SyncAsync(StreamRun), Stream);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.All(NotFoundWording, wording => Assert.Contains(wording, run.Error));
        Assert.Equal(0, await harness.CountAsync(Stream));
        Assert.Null((await harness.StateAsync(Stream))?["cursor"]);
    }

    /// <summary>No ten characters of <see cref="RejectedSecret"/> in a row stand in <paramref name="text"/>.</summary>
    private void AssertHidesSecret(string? text)
    {
        var length = Math.Min(10, RejectedSecret.Length);
        for (var start = 0; start + length <= RejectedSecret.Length; start++)
        {
            Assert.DoesNotContain(RejectedSecret.Substring(start, length), text ?? "", StringComparison.Ordinal);
        }
    }
}
