using System.Globalization;
using Greenhouse.Checks;

namespace Greenhouse.Tests.Checks;

/// <summary>Each run of a check is kept (<c>_gh_check_runs</c>) and each offending row over time (<c>_gh_check_rows</c>), on both warehouses.</summary>
public sealed class CheckHistoryTests
{
    private const string OpenIssues = """
        checks:
          open_issues:
            description: Linear issues still open
            sql: select identifier, title, assignee from {{ source('linear', 'issues') }} where done is null order by identifier
            key: identifier
            severity: warn
        """;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Rows_are_new_then_still_failing_then_resolved_and_a_reappearing_key_starts_a_new_row(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("issues.yml", OpenIssues);
        await h.LandIssuesAsync("ENG-1", "ENG-2");
        var service = h.Service();
        var t0 = h.Clock.GetUtcNow();

        var first = Assert.Single(await h.RunAsync(service));
        Assert.Equal(CheckStatus.Warn, first.Outcome.Status);
        Assert.Equal(["ENG-1", "ENG-2"], first.NewRows.Select(r => r.Key));

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.LandIssuesAsync("ENG-3");
        var second = Assert.Single(await h.RunAsync(service));
        Assert.Equal(["ENG-3"], second.NewRows.Select(r => r.Key));
        var open = await h.Warehouse.ReadOpenCheckRowsAsync("open_issues");
        Assert.Equal(["ENG-1", "ENG-2", "ENG-3"], open.Select(r => r.Key));
        Assert.Equal([t0, t0, t0.AddHours(1)], open.Select(r => r.FirstSeenAt));
        Assert.All(open, r => Assert.Equal(t0.AddHours(1), r.LastSeenAt));
        using (var row = System.Text.Json.JsonDocument.Parse(open[2].Row))
        {
            Assert.Equal("Fix ENG-3", row.RootElement.GetProperty("title").GetString());
        }

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.CloseAsync("ENG-1");
        var third = Assert.Single(await h.RunAsync(service));
        Assert.Equal(1, third.ResolvedRows);
        Assert.Equal(2, third.OpenRows);
        Assert.Equal(["ENG-2", "ENG-3"], (await h.Warehouse.ReadOpenCheckRowsAsync("open_issues")).Select(r => r.Key));

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.ReopenAsync("ENG-1");
        var fourth = Assert.Single(await h.RunAsync(service));
        Assert.Equal(["ENG-1"], fourth.NewRows.Select(r => r.Key));

        var history = await h.Warehouse.QueryAsync(
            $"select first_seen_at, resolved_at from {h.Metadata("_gh_check_rows")} where check_name = 'open_issues' and key = 'ENG-1' order by first_seen_at");
        Assert.Equal(2, history.Rows.Count);
        Assert.Equal(t0, Instant(history.Rows[0][0]));
        Assert.Equal(t0.AddHours(2), Instant(history.Rows[0][1]));
        Assert.Equal(t0.AddHours(3), Instant(history.Rows[1][0]));
        Assert.Null(history.Rows[1][1]);

        var runs = await h.Warehouse.ReadCheckRunsAsync("open_issues");
        Assert.Equal([2L, 3, 2, 3], runs.Reverse().Select(r => r.FailingRows));
        Assert.All(runs, r => Assert.Equal("warn", r.Status));
        Assert.All(runs, r => Assert.Equal("warn", r.Severity));
        Assert.All(runs, r => Assert.Null(r.RunId));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_documented_queries_answer_since_when_a_check_fails_and_how_many_rows_were_open(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("issues.yml", OpenIssues);
        await h.LandIssuesAsync("ENG-1", "ENG-2");
        var service = h.Service();
        await h.CloseAsync("ENG-1");
        await h.CloseAsync("ENG-2");
        await h.RunAsync(service);
        h.Clock.Advance(TimeSpan.FromDays(1));
        var failingFrom = h.Clock.GetUtcNow();
        await h.ReopenAsync("ENG-1");
        await h.ReopenAsync("ENG-2");
        await h.RunAsync(service);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.CloseAsync("ENG-2");
        await h.RunAsync(service);

        // docs/checks.md: "since when has this been failing".
        var since = await h.Warehouse.QueryAsync($"""
            select min(started_at) from {h.Metadata("_gh_check_runs")} r
            where check_name = 'open_issues' and status in ('warn', 'error')
              and not exists (select 1 from {h.Metadata("_gh_check_runs")} p
                              where p.check_name = r.check_name and p.status = 'pass' and p.started_at > r.started_at)
            """);
        Assert.Equal(failingFrom, Instant(since.Rows[0][0]));
        var summary = Assert.Single(await service.History.SummariesAsync());
        Assert.Equal(failingFrom, summary.FailingSince);
        Assert.Equal(1, summary.OpenRows);
        Assert.Equal(CheckStatus.Warn, summary.Status);

        // docs/checks.md: "how many rows were open at a moment".
        var at = kind == "sqlite" ? $"'{failingFrom.AddHours(1):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}'" : $"'{failingFrom.AddHours(1):O}'::timestamptz";
        var openThen = await h.Warehouse.QueryAsync($"""
            select count(*) from {h.Metadata("_gh_check_rows")}
            where check_name = 'open_issues' and first_seen_at <= {at} and (resolved_at is null or resolved_at > {at})
            """);
        Assert.Equal(2L, Convert.ToInt64(openThen.Rows[0][0], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Max_rows_caps_the_rows_kept_but_the_run_keeps_the_true_count(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("issues.yml", OpenIssues.Replace("    severity: warn", "    severity: warn\n    max_rows: 5", StringComparison.Ordinal));
        await h.LandIssuesAsync([.. Enumerable.Range(1, 15).Select(i => $"ENG-{i:00}")]);
        var service = h.Service();

        var result = Assert.Single(await h.RunAsync(service));

        Assert.Equal(15, result.Outcome.FailingRows);
        Assert.Equal(5, result.NewRows.Count);
        Assert.Equal(5, (await h.Warehouse.ReadOpenCheckRowsAsync("open_issues")).Count);
        Assert.Equal(15, Assert.Single(await h.Warehouse.ReadCheckRunsAsync("open_issues")).FailingRows);

        // Rows cut by max_rows may still fail: a cut result resolves none of the open ones.
        await h.CloseAsync("ENG-01");
        h.Clock.Advance(TimeSpan.FromHours(1));
        var second = Assert.Single(await h.RunAsync(service));
        Assert.Equal(14, second.Outcome.FailingRows);
        Assert.Equal(0, second.ResolvedRows);
        Assert.Contains("ENG-01", (await h.Warehouse.ReadOpenCheckRowsAsync("open_issues")).Select(r => r.Key));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_outcome_from_outside_the_checks_folder_is_recorded_by_its_key_columns(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        var service = h.Service();
        var outcome = new CheckOutcome
        {
            Name = "unique_orders_order_id",
            Status = CheckStatus.Error,
            FailingRows = 2,
            Columns = ["order_id", "shop", "n_records"],
            Rows = [["o1", "eu", 2L], ["o1", "us", 3L]],
            KeyColumns = ["order_id", "shop"],
            Sql = "select order_id, shop, count(*) as n_records from orders group by 1, 2 having count(*) > 1",
            StartedAt = h.Clock.GetUtcNow(),
            RunId = 42,
        };

        var result = await service.RecordAsync(outcome);

        Assert.Equal(["[\"o1\",\"eu\"]", "[\"o1\",\"us\"]"], result.NewRows.Select(r => r.Key));
        var run = Assert.Single(await h.Warehouse.ReadCheckRunsAsync("unique_orders_order_id"));
        Assert.Equal((42L, "error", "error", 2L), (run.RunId!.Value, run.Status, run.Severity, run.FailingRows));
        Assert.Equal("unique_orders_order_id", Assert.Single(await service.History.SummariesAsync()).Name);

        var missingKey = await service.RecordAsync(outcome with { KeyColumns = ["id"] });
        Assert.Equal(CheckStatus.RuntimeError, missingKey.Outcome.Status);
        Assert.Contains("key column 'id' is not among its result's columns (order_id, shop, n_records)", missingKey.Outcome.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await h.Warehouse.ReadOpenCheckRowsAsync("unique_orders_order_id")).Count);

        // A passing run with a key its columns lack is as wrong, and resolves nothing.
        var passingMissingKey = await service.RecordAsync(outcome with { Status = CheckStatus.Pass, FailingRows = 0, Rows = [], KeyColumns = ["id"] });
        Assert.Equal(CheckStatus.RuntimeError, passingMissingKey.Outcome.Status);
        Assert.Equal(2, (await h.Warehouse.ReadOpenCheckRowsAsync("unique_orders_order_id")).Count);
    }

    private static DateTimeOffset Instant(object? value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        _ => throw new InvalidOperationException($"not an instant: {value}"),
    };
}
