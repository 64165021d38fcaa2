using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Tests.Checks;

/// <summary>dbt tests are checks: their failing rows join the history by run, and they alert by severity like any check.</summary>
public sealed class TestResultCheckTests
{
    private const string Properties = """
        version: 2
        models:
          - name: stg_subscriptions
            columns:
              - name: status
                data_tests:
                  - accepted_values: {arguments: {values: [active, canceled]}}
              - name: plan
                data_tests:
                  - not_null: {config: {severity: warn}}
        """;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_failing_test_keeps_its_rows_over_runs_and_alerts_errors_and_warnings_on_their_own_channels(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        await h.Project.LandAsync("stripe", "subscriptions", ["status", "plan"],
            ["sub_1", "active", "basic"], ["sub_2", "bogus", "basic"], ["sub_3", "weird", null]);
        h.Project.Write("dbt_project.yml", "name: shop\n")
            .Write("models/stg_subscriptions.sql", "select id, status, plan from {{ source('stripe', 'subscriptions') }}")
            .Write("models/schema.yml", Properties);
        var service = h.Service(h.Channel("errors", NotificationLevel.Error), h.Channel("warnings", NotificationLevel.Warn));
        var table = h.Warehouse.TableSql(new StreamDescriptor("stripe", "subscriptions", "id", []));
        const string Values = "accepted_values_stg_subscriptions_status__active__canceled";
        const string NotNull = "not_null_stg_subscriptions_plan";

        var first = await service.RecordTestsAsync(await h.Project.RunAsync());
        var firstSeen = h.Clock.GetUtcNow();

        Assert.Equal([Values, NotNull], first.Select(r => r.Outcome.Name).Order(StringComparer.Ordinal));
        var values = first.Single(r => r.Outcome.Name == Values);
        Assert.Equal(["bogus", "weird"], values.NewRows.Select(r => r.Key).Order(StringComparer.Ordinal));
        var error = Assert.Single(h.Messages("errors"));
        Assert.Equal(("check_failing", "error"), (error.Kind, error.Level));
        Assert.Contains($"check {Values} fails: 2 rows", error.Title, StringComparison.Ordinal);
        Assert.Contains("dbt test accepted_values on shop.stg_subscriptions, column status", error.Text, StringComparison.Ordinal);
        Assert.Contains("• bogus", error.Text, StringComparison.Ordinal);
        Assert.Contains("• weird", error.Text, StringComparison.Ordinal);
        var warning = Assert.Single(h.Messages("warnings"));
        Assert.Contains($"check {NotNull} fails: 1 row", warning.Title, StringComparison.Ordinal);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await service.RecordTestsAsync(await h.Project.RunAsync());
        Assert.Single(h.Messages("errors"));
        Assert.Single(h.Messages("warnings"));

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Warehouse.ExecuteAsync($"UPDATE {table} SET status = 'active' WHERE id = 'sub_2'");
        var third = await service.RecordTestsAsync(await h.Project.RunAsync());
        Assert.Equal(1, third.Single(r => r.Outcome.Name == Values).ResolvedRows);
        var rows = await h.Warehouse.QueryAsync(
            $"SELECT key, first_seen_at, resolved_at FROM {h.Metadata("_gh_check_rows")} WHERE check_name = '{Values}' ORDER BY key");
        Assert.Equal(["bogus", "weird"], rows.Rows.Select(r => (string)r[0]!));
        Assert.Equal(firstSeen, Instant(rows.Rows[0][1]));
        Assert.Equal(h.Clock.GetUtcNow(), Instant(rows.Rows[0][2]));
        Assert.Equal(firstSeen, Instant(rows.Rows[1][1]));
        Assert.Null(rows.Rows[1][2] is DBNull ? null : rows.Rows[1][2]);
        var runs = await h.Warehouse.QueryAsync($"SELECT status, failing_rows FROM {h.Metadata("_gh_check_runs")} WHERE check_name = '{Values}' ORDER BY id");
        Assert.Equal(["error|2", "error|2", "error|1"], runs.Rows.Select(r => $"{r[0]}|{Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)}"));

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Warehouse.ExecuteAsync($"UPDATE {table} SET status = 'canceled', plan = 'basic' WHERE id = 'sub_3'");
        await service.RecordTestsAsync(await h.Project.RunAsync());
        Assert.Equal("check_recovered", h.Messages("errors")[^1].Kind);
        Assert.Equal("check_recovered", h.Messages("warnings")[^1].Kind);
    }

    private static DateTimeOffset Instant(object? value) => value switch
    {
        DateTimeOffset instant => instant,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"not a time: {value}"),
    };
}
