using System.Globalization;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

public sealed class CommitBatchTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task New_rows_are_inserted_and_counted_as_new(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        var counts = await warehouse.CommitBatchAsync(Batch(runId, Rows(3)));

        Assert.Equal(new BatchCounts(3, 0, 0, 0), counts);
        Assert.Equal(3, await warehouse.CountRowsAsync(Items));
        Assert.Equal(runId, Convert.ToInt64(await ValueAsync(warehouse, "_gh_run_id", "id00002"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Identical_batch_rewrites_no_rows(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var firstRun = await PrepareAsync(warehouse);
        var rows = Rows(50);
        await warehouse.CommitBatchAsync(Batch(firstRun, rows));
        var table = warehouse.TableSql(Items);
        var before = await RowVersionsAsync(warehouse, table, kind);

        var secondRun = await warehouse.BeginRunAsync("test", T0.AddHours(1));
        var counts = await warehouse.CommitBatchAsync(Batch(secondRun, rows, now: T0.AddHours(1)));

        Assert.Equal(new BatchCounts(0, 0, 50, 0), counts);
        Assert.Equal(before, await RowVersionsAsync(warehouse, table, kind));
        Assert.Equal(0, await ScalarAsync(warehouse, $"SELECT count(*) FROM {table} WHERE _gh_run_id = {secondRun}"));

        if (kind == "postgresql")
        {
            // One real change after the reload: once the statistics show it, they include the reload too.
            await warehouse.CommitBatchAsync(Batch(secondRun, [Row("id00001", "changed")], now: T0.AddHours(1)));
            Assert.Equal(1, await UpdatesCountedAsync(warehouse, test.RawSchema));
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Changed_content_updates_the_row_and_keeps_first_seen(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var firstRun = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(firstRun, Rows(3)));
        var firstSeen = Text(await ValueAsync(warehouse, "_gh_first_seen", "id00002"));

        var secondRun = await warehouse.BeginRunAsync("test", T0.AddHours(1));
        var later = T0.AddHours(1);
        var counts = await warehouse.CommitBatchAsync(Batch(secondRun, [Row("id00001"), Row("id00002", "renamed", asOf: later), Row("id00003")], now: later));

        Assert.Equal(new BatchCounts(0, 1, 2, 0), counts);
        Assert.Equal("renamed", await ValueAsync(warehouse, "name", "id00002"));
        Assert.Equal(firstSeen, Text(await ValueAsync(warehouse, "_gh_first_seen", "id00002")));
        Assert.NotEqual(firstSeen, Text(await ValueAsync(warehouse, "_gh_last_synced", "id00002")));
        Assert.Equal(secondRun, Convert.ToInt64(await ValueAsync(warehouse, "_gh_run_id", "id00002"), CultureInfo.InvariantCulture));
        Assert.Equal(firstRun, Convert.ToInt64(await ValueAsync(warehouse, "_gh_run_id", "id00001"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Older_snapshot_does_not_overwrite_a_newer_one(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a", "newer", asOf: T0.AddHours(2))]));

        var older = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", "older", asOf: T0.AddHours(1))]));
        var olderDeletion = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", "older", asOf: T0.AddHours(1), deleted: true)]));
        var sameInstant = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", "same instant", asOf: T0.AddHours(2))]));

        Assert.Equal(new BatchCounts(0, 0, 1, 0), older);
        Assert.Equal(new BatchCounts(0, 0, 1, 0), olderDeletion);
        Assert.Equal(new BatchCounts(0, 1, 0, 0), sameInstant);
        Assert.Equal("same instant", await ValueAsync(warehouse, "name", "a"));
        Assert.Equal(1, await warehouse.CountRowsAsync(Items));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Deleted_row_is_soft_deleted_and_a_later_live_row_restores_it(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        var table = warehouse.TableSql(Items);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b")]));

        var deletion = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", asOf: T0.AddHours(1), deleted: true)], now: T0.AddHours(1)));
        var deletedAt = Text(await ValueAsync(warehouse, "_gh_deleted_at", "a"));
        var repeated = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", asOf: T0.AddHours(2), deleted: true)], now: T0.AddHours(2)));

        Assert.Equal(new BatchCounts(0, 0, 0, 1), deletion);
        Assert.Equal(new BatchCounts(0, 0, 1, 0), repeated);
        Assert.NotNull(deletedAt);
        Assert.Equal(deletedAt, Text(await ValueAsync(warehouse, "_gh_deleted_at", "a")));
        Assert.Equal(1, await warehouse.CountRowsAsync(Items));
        Assert.Equal(2, await ScalarAsync(warehouse, $"SELECT count(*) FROM {table}"));

        var restored = await warehouse.CommitBatchAsync(Batch(runId, [Row("a", "back", asOf: T0.AddHours(3))], now: T0.AddHours(3)));

        Assert.Equal(new BatchCounts(0, 1, 0, 0), restored);
        Assert.Null(await ValueAsync(warehouse, "_gh_deleted_at", "a"));
        Assert.Equal(2, await warehouse.CountRowsAsync(Items));
    }


    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_live_snapshot_with_the_deleted_rows_content_restores_it(string kind)
    {
        // The same content (same hash) as the stored, deleted row: only the deletion differs, and that is a change.
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b")]));
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a") with { AsOf = T0.AddHours(1), Deleted = true }], now: T0.AddHours(1)));

        // Each in a run of its own: a run's first batch reads what is stored before it writes.
        var secondRun = await warehouse.BeginRunAsync("test", T0.AddHours(2));
        var stillDeleted = await warehouse.CommitBatchAsync(Batch(secondRun, [Row("a") with { AsOf = T0.AddHours(2), Deleted = true }, Row("b")], now: T0.AddHours(2)));
        var thirdRun = await warehouse.BeginRunAsync("test", T0.AddHours(3));
        var restored = await warehouse.CommitBatchAsync(Batch(thirdRun, [Row("a", asOf: T0.AddHours(3)), Row("b")], now: T0.AddHours(3)));

        Assert.Equal(new BatchCounts(0, 0, 2, 0), stillDeleted);
        Assert.Equal(new BatchCounts(0, 1, 1, 0), restored);
        Assert.Null(await ValueAsync(warehouse, "_gh_deleted_at", "a"));
        Assert.Equal(2, await warehouse.CountRowsAsync(Items));
    }
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Deletion_of_an_unknown_id_changes_nothing(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        var counts = await warehouse.CommitBatchAsync(Batch(runId, [Row("ghost", deleted: true)]));

        Assert.Equal(new BatchCounts(0, 0, 1, 0), counts);
        Assert.Equal(0, await warehouse.CountRowsAsync(Items));
        var rows = await warehouse.QueryAsync($"SELECT COUNT(*) FROM {warehouse.TableSql(Items)}");
        Assert.Equal(0L, Convert.ToInt64(rows.Rows[0][0], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Duplicate_ids_in_one_batch_keep_the_newest_snapshot(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        var counts = await warehouse.CommitBatchAsync(Batch(runId,
        [
            Row("a", "newest", asOf: T0.AddHours(2)),
            Row("a", "older", asOf: T0.AddHours(1)),
            Row("b", "first"),
            Row("b", "second"),
        ]));

        Assert.Equal(new BatchCounts(2, 0, 0, 0), counts);
        Assert.Equal("newest", await ValueAsync(warehouse, "name", "a"));
        Assert.Equal("second", await ValueAsync(warehouse, "name", "b"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Full_refresh_soft_deletes_only_rows_it_did_not_see(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        var table = warehouse.TableSql(Items);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b"), Row("c"), Row("d"), Row("e")]));
        await warehouse.CommitBatchAsync(Batch(runId, [Row("e", asOf: T0.AddMinutes(1), deleted: true)]));

        // An abandoned full refresh saw "d"; the next one starts over and must forget that.
        await warehouse.CommitBatchAsync(Batch(runId, [Row("d")], trackSeen: true, start: true));
        var first = await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b")], trackSeen: true, start: true));
        var last = await warehouse.CommitBatchAsync(Batch(runId, [Row("c")], now: T0.AddHours(1), trackSeen: true, finish: true));

        Assert.Equal(new BatchCounts(0, 0, 2, 0), first);
        Assert.Equal(new BatchCounts(0, 0, 1, 1), last);
        Assert.NotNull(await ValueAsync(warehouse, "_gh_deleted_at", "d"));
        Assert.Null(await ValueAsync(warehouse, "_gh_deleted_at", "a"));
        Assert.Null(await ValueAsync(warehouse, "_gh_deleted_at", "c"));
        Assert.Equal(3, await warehouse.CountRowsAsync(Items));
        Assert.Equal(5, await ScalarAsync(warehouse, $"SELECT count(*) FROM {table}"));
        Assert.Equal(0, await ScalarAsync(warehouse, $"SELECT count(*) FROM {MetaTable(test, "_gh_seen")}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_row_a_webhook_writes_while_a_full_refresh_lists_is_not_soft_deleted_by_it(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b"), Row("c")]));

        // The refresh has listed past where "new" would sort when the vendor's webhook for it arrives, and an
        // update to "b" (already listed) lands too.
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b")], trackSeen: true, start: true));
        var created = await warehouse.ApplyEventAsync(
            new WebhookEvent("test", "evt_1", "item.created", T0.AddMinutes(5), "{}"), Items, Row("new", "fresh", asOf: T0.AddMinutes(5)), T0.AddMinutes(5));
        var last = await warehouse.CommitBatchAsync(Batch(runId, [Row("d")], now: T0.AddHours(1), trackSeen: true, finish: true));

        Assert.Equal(EventOutcome.Applied, created);
        Assert.Null(await ValueAsync(warehouse, "_gh_deleted_at", "new"));
        // "c" was neither listed nor written meanwhile: the refresh soft-deletes it as before.
        Assert.NotNull(await ValueAsync(warehouse, "_gh_deleted_at", "c"));
        Assert.Equal(1, last.Deleted);
        Assert.Equal(0, await ScalarAsync(warehouse, $"SELECT count(*) FROM {MetaTable(test, "_gh_seen")}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task State_is_committed_with_the_batch(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        await warehouse.CommitBatchAsync(Batch(runId, Rows(2), cursor: "c1"));
        await warehouse.CommitBatchAsync(Batch(runId, [], cursor: "c2", now: T0.AddMinutes(1)));
        await warehouse.CommitBatchAsync(Batch(runId, [], cursor: "p1") with { Partition = "acct_1" });

        var state = await warehouse.ReadStateAsync(Items.FullName);
        Assert.Equal(2, state.Count);
        Assert.Equal(("", "c2"), (state[0].Partition, (string?)state[0].Value["cursor"]));
        Assert.Equal(("acct_1", "p1"), (state[1].Partition, (string?)state[1].Value["cursor"]));
        Assert.Equal(T0.AddMinutes(1), state[0].UpdatedAt);
        Assert.Equal(runId, state[0].RunId);
        Assert.Empty(await warehouse.ReadStateAsync("other.stream"));
        Assert.Equal(2, (await warehouse.ReadStateAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Failing_batch_commits_neither_rows_nor_state(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, Rows(2), cursor: "c1"));
        var bad = Row("bad") with { Values = ["x", "not a number", 1m, true, T0] };

        var error = await Assert.ThrowsAsync<WarehouseException>(() =>
            warehouse.CommitBatchAsync(Batch(runId, [Row("new1"), Row("id00001", "changed", asOf: T0.AddHours(1)), bad], cursor: "c2")));

        Assert.Contains("amount", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await warehouse.CountRowsAsync(Items));
        Assert.Equal("n", await ValueAsync(warehouse, "name", "id00001"));
        Assert.Equal("c1", (string?)Assert.Single(await warehouse.ReadStateAsync()).Value["cursor"]);
        Assert.Equal(2, Assert.Single(await warehouse.ReadStreamRunsAsync()).New);

        // The warehouse is still usable afterwards.
        Assert.Equal(new BatchCounts(1, 0, 0, 0), await warehouse.CommitBatchAsync(Batch(runId, [Row("new1")], cursor: "c3")));
        Assert.Equal("c3", (string?)Assert.Single(await warehouse.ReadStateAsync()).Value["cursor"]);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Cancelled_batch_commits_nothing(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            warehouse.CommitBatchAsync(Batch(runId, Rows(10), cursor: "c1"), cancellation.Token));

        Assert.Equal(0, await warehouse.CountRowsAsync(Items));
        Assert.Empty(await warehouse.ReadStateAsync());
        Assert.Equal(new BatchCounts(10, 0, 0, 0), await warehouse.CommitBatchAsync(Batch(runId, Rows(10))));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_batch_after_a_first_load_that_holds_known_ids_is_merged_not_duplicated(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        // The first batches are all new (PostgreSQL then stops reading before writing and COPYs straight in);
        // a later batch mixing known and new ids must still be counted and merged exactly.
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a"), Row("b")]));
        await warehouse.CommitBatchAsync(Batch(runId, [Row("c")]));
        var mixed = await warehouse.CommitBatchAsync(Batch(runId, [Row("d"), Row("a"), Row("b", "changed", asOf: T0.AddHours(1))]));

        Assert.Equal(new BatchCounts(1, 1, 1, 0), mixed);
        Assert.Equal(4, await warehouse.CountRowsAsync(Items));
        Assert.Equal("changed", await ValueAsync(warehouse, "name", "b"));
        var state = (await warehouse.ReadStateAsync(Items.FullName)).Single();
        Assert.NotNull(state.Value);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Stream_run_counters_add_up_over_batches(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);

        await warehouse.CommitBatchAsync(Batch(runId, Rows(3)) with { Warnings = 2 });
        await warehouse.CommitBatchAsync(Batch(runId, [.. Rows(3), Row("id00001", "changed", asOf: T0.AddHours(1)), Row("x", deleted: true)]));

        var run = Assert.Single(await warehouse.ReadStreamRunsAsync(runId));
        Assert.Equal((3, 1, 3, 0, 2, 2), (run.New, run.Updated, run.Unchanged, run.Deleted, run.Pages, run.Warnings));
    }

    internal static string MetaTable(TestWarehouse test, string table) =>
        test.Kind == "postgresql" ? $"\"{test.RawSchema}\".{table}" : table;

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);

    /// <summary>n_tup_upd of the stream table, waiting for the server's statistics to show at least one update.</summary>
    private static async Task<long> UpdatesCountedAsync(IWarehouse warehouse, string schema)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updates = await ScalarAsync(warehouse,
                $"SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE schemaname = '{schema}' AND relname = '{Items.TableName}'");
            if (updates > 0 || attempt == 100)
            {
                return updates;
            }

            await Task.Delay(200);
        }
    }
}
