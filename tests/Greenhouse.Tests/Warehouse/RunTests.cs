using Greenhouse.Sources;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

public sealed class RunTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Beginning_a_run_marks_runs_left_running_as_interrupted(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();
        var finished = await warehouse.BeginRunAsync("schedule", T0);
        await warehouse.BeginStreamRunAsync(finished, "stripe.customers", SyncMode.Incremental, T0);
        await warehouse.FinishStreamRunAsync(finished, "stripe.customers", RunStatus.Succeeded, null, T0.AddMinutes(1));
        await warehouse.FinishRunAsync(finished, RunStatus.Succeeded, T0.AddMinutes(1));
        var killed = await warehouse.BeginRunAsync("cli", T0.AddHours(1));
        await warehouse.BeginStreamRunAsync(killed, "stripe.customers", SyncMode.FullRefresh, T0.AddHours(1));

        var next = await warehouse.BeginRunAsync("cli", T0.AddHours(2));

        Assert.True(next > killed && killed > finished);
        var statuses = await warehouse.QueryAsync(
            $"SELECT run_id, status FROM {CommitBatchTests.MetaTable(test, "_gh_runs")} ORDER BY run_id");
        Assert.Equal(["succeeded", "interrupted", "running"], statuses.Rows.Select(r => (string?)r[1]));
        var streamRuns = await warehouse.ReadStreamRunsAsync();
        Assert.Equal([(killed, RunStatus.Interrupted, "full_refresh"), (finished, RunStatus.Succeeded, "incremental")],
            streamRuns.Select(r => (r.RunId, r.Status, r.Mode)));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Stream_runs_are_read_newest_first_with_their_outcome(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();
        var first = await warehouse.BeginRunAsync("cli", T0);
        await warehouse.BeginStreamRunAsync(first, "stripe.customers", SyncMode.Incremental, T0);
        await warehouse.FinishStreamRunAsync(first, "stripe.customers", RunStatus.Failed, "Stripe said 401", T0.AddSeconds(90));
        var second = await warehouse.BeginRunAsync("cli", T0.AddHours(1));
        await warehouse.BeginStreamRunAsync(second, "stripe.invoices", SyncMode.Incremental, T0.AddHours(1));

        var all = await warehouse.ReadStreamRunsAsync();
        var firstOnly = await warehouse.ReadStreamRunsAsync(first);

        Assert.Equal([second, first], all.Select(r => r.RunId));
        var failed = Assert.Single(firstOnly);
        Assert.Equal((RunStatus.Failed, "Stripe said 401", 90.0, T0, T0.AddSeconds(90)),
            (failed.Status, failed.Error, failed.Seconds, failed.StartedAt, failed.FinishedAt));
        Assert.Equal((RunStatus.Running, (DateTimeOffset?)null), (all[0].Status, all[0].FinishedAt));
        Assert.Single(await warehouse.ReadStreamRunsAsync(limit: 1));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Resetting_state_forgets_cursors_and_seen_ids(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, Rows(3), trackSeen: true, start: true));
        await warehouse.CommitBatchAsync(Batch(runId, [], cursor: "p") with { Partition = "acct_1" });

        var removed = await warehouse.ResetStateAsync(Items.FullName);

        Assert.Equal(2, removed);
        Assert.Empty(await warehouse.ReadStateAsync(Items.FullName));
        Assert.Equal(0, await ScalarAsync(warehouse, $"SELECT count(*) FROM {CommitBatchTests.MetaTable(test, "_gh_seen")}"));
        Assert.Equal(3, await warehouse.CountRowsAsync(Items));
        Assert.Equal(0, await warehouse.ResetStateAsync(Items.FullName));
    }
}
