using Greenhouse.Checks;
using Greenhouse.Config;

namespace Greenhouse.Tests.Checks;

/// <summary>Checks tell people what changed, once, on the channels their severity (or <c>notify:</c>) picks; never one message per row.</summary>
public sealed class CheckAlertTests
{
    private const string Checks = """
        checks:
          overdue_issues:
            description: Linear issues open past their due date
            sql: select identifier, title, assignee from {{ source('linear', 'issues') }} where done is null order by identifier
            key: identifier
            severity: warn
            message: "{{ identifier }} “{{ title }}” ({{ assignee }})"
            remind_every: 1d
          unassigned_issues:
            description: Issues nobody owns
            sql: select identifier from {{ source('linear', 'issues') }} where assignee is null
            key: identifier
          team_issues:
            sql: select identifier from {{ source('linear', 'issues') }} where done is null and identifier = 'ENG-01'
            key: identifier
            notify: team
        """;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Alerts_go_out_on_change_only_with_reminders_after_remind_every_and_a_recovery(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("issues.yml", Checks);
        await h.LandIssuesAsync([.. Enumerable.Range(1, 14).Select(i => $"ENG-{i:00}")]);
        var service = h.Service(h.Channel("warnings", NotificationLevel.Warn), h.Channel("team", NotificationLevel.Success));

        await h.RunAsync(service, "overdue_issues");
        var started = Assert.Single(h.Messages("warnings"));
        Assert.Equal(("check_failing", "warn"), (started.Kind, started.Level));
        Assert.Contains("check overdue_issues fails: 14 rows", started.Title, StringComparison.Ordinal);
        Assert.Contains("Linear issues open past their due date", started.Text, StringComparison.Ordinal);
        Assert.Contains("• ENG-01 “Fix ENG-01” (ada)", started.Text, StringComparison.Ordinal);
        Assert.Contains("• ENG-10 “Fix ENG-10” (ada)", started.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ENG-11 “", started.Text, StringComparison.Ordinal);
        Assert.Contains("…and 4 more", started.Text, StringComparison.Ordinal);
        Assert.Contains("greenhouse check show overdue_issues", started.Text, StringComparison.Ordinal);
        Assert.Contains("or run: select identifier, title, assignee from", started.Text, StringComparison.Ordinal);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.RunAsync(service, "overdue_issues");
        Assert.Single(h.Messages("warnings"));

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.LandIssuesAsync("ENG-15");
        await h.RunAsync(service, "overdue_issues");
        var added = h.Messages("warnings")[^1];
        Assert.Equal(2, h.Messages("warnings").Count);
        Assert.Equal("check_new_rows", added.Kind);
        Assert.Contains("1 row newly failing (15 rows failing in all, since 2025-06-15 12:00 UTC)", added.Text, StringComparison.Ordinal);
        Assert.Contains("• ENG-15 “Fix ENG-15” (ada)", added.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ENG-01", added.Text, StringComparison.Ordinal);

        h.Clock.Advance(TimeSpan.FromHours(23));
        await h.RunAsync(service, "overdue_issues");
        Assert.Equal(2, h.Messages("warnings").Count);
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.RunAsync(service, "overdue_issues");
        var reminder = h.Messages("warnings")[^1];
        Assert.Equal(3, h.Messages("warnings").Count);
        Assert.Equal("check_still_failing", reminder.Kind);
        Assert.Contains("still failing: 15 rows", reminder.Title, StringComparison.Ordinal);

        for (var i = 1; i <= 15; i++)
        {
            await h.CloseAsync($"ENG-{i:00}");
        }

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.RunAsync(service, "overdue_issues");
        var recovered = h.Messages("warnings")[^1];
        Assert.Equal(("check_recovered", "warn"), (recovered.Kind, recovered.Level));
        Assert.Contains("check overdue_issues passes again", recovered.Title, StringComparison.Ordinal);
        Assert.Contains("after failing for 1 d 3 h", recovered.Text, StringComparison.Ordinal);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.RunAsync(service, "overdue_issues");
        Assert.Equal(4, h.Messages("warnings").Count);
        Assert.DoesNotContain(await h.Warehouse.ReadAlertsAsync(), a => a.Key.StartsWith("check", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Error_and_warn_checks_go_to_the_channels_that_take_them_and_notify_names_its_own(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("issues.yml", Checks);
        await h.LandIssuesAsync("ENG-01");
        await h.Project.LandAsync("linear", "issues", ["identifier", "title", "assignee", "done"], ["ENG-02", "ENG-02", "Orphan", null, null]);
        var service = h.Service(h.Channel("errors", NotificationLevel.Error), h.Channel("warnings", NotificationLevel.Warn), h.Channel("team", NotificationLevel.Success));

        var results = await h.RunAsync(service);

        Assert.Equal([CheckStatus.Warn, CheckStatus.Error, CheckStatus.Error], results.Select(r => r.Outcome.Status));
        var warning = Assert.Single(h.Messages("warnings"));
        Assert.Contains("overdue_issues", warning.Title, StringComparison.Ordinal);
        var error = Assert.Single(h.Messages("errors"));
        Assert.Equal("error", error.Level);
        Assert.Contains("check unassigned_issues fails: 1 row", error.Title, StringComparison.Ordinal);
        Assert.Contains("• ENG-02", error.Text, StringComparison.Ordinal);
        var team = Assert.Single(h.Messages("team"));
        Assert.Contains("check team_issues fails", team.Title, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_broken_check_is_a_runtime_error_naming_its_file_and_line_and_the_others_still_run(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        h.WriteChecks("a_broken.yml", """
            checks:
              broken_sql:
                description: Refers to a column that is not there
                sql: >
                  select identifier, no_such_column
                  from {{ source('linear', 'issues') }}
              broken_ref:
                sql: select * from {{ ref('stg_issues') }}
            """);
        h.WriteChecks("issues.yml", Checks);
        await h.LandIssuesAsync("ENG-01");
        var service = h.Service(h.Channel("errors", NotificationLevel.Error), h.Channel("warnings", NotificationLevel.Warn), h.Channel("team", NotificationLevel.Success));

        var results = await h.RunAsync(service);

        Assert.Equal(["broken_sql", "broken_ref", "overdue_issues", "unassigned_issues", "team_issues"], results.Select(r => r.Outcome.Name));
        var brokenSql = results[0].Outcome;
        Assert.Equal(CheckStatus.RuntimeError, brokenSql.Status);
        Assert.StartsWith("checks/a_broken.yml:5: check broken_sql: the query failed:", brokenSql.Error, StringComparison.Ordinal);
        Assert.Contains("no_such_column", brokenSql.Error, StringComparison.Ordinal);
        var brokenRef = results[1].Outcome;
        Assert.Equal(CheckStatus.RuntimeError, brokenRef.Status);
        Assert.Contains("checks/a_broken.yml:8:", brokenRef.Error, StringComparison.Ordinal);
        Assert.Contains("ref('stg_issues'): greenhouse.yml sets no transform: project", brokenRef.Error, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, results[2].Outcome.Status);
        Assert.Equal(CheckStatus.Pass, results[3].Outcome.Status);
        Assert.Equal(["runtime error", "runtime error"], (await h.Warehouse.ReadCheckRunsAsync()).Where(r => r.Check.StartsWith("broken", StringComparison.Ordinal)).Select(r => r.Status));

        var errors = h.Messages("errors");
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("check_runtime_error", e.Kind));
        Assert.Contains("could not run", errors[0].Title, StringComparison.Ordinal);
        Assert.Contains("checks/a_broken.yml:5", errors[0].Text, StringComparison.Ordinal);

        // Still broken an hour later: no second message; fixed: one "runs again".
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.RunAsync(service, "broken_sql");
        Assert.Equal(2, h.Messages("errors").Count);
        h.WriteChecks("a_broken.yml", """
            checks:
              broken_sql:
                sql: select identifier from {{ source('linear', 'issues') }} where 1 = 0
            """);
        await h.RunAsync(h.Service(h.Channel("errors", NotificationLevel.Error), h.Channel("team", NotificationLevel.Success)), "broken_sql");
        var again = h.Messages("errors")[^1];
        Assert.Equal("check_runs_again", again.Kind);
        Assert.Contains("check broken_sql runs again", again.Title, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_check_refs_the_projects_models_and_uses_the_dbt_macros(string kind)
    {
        await using var h = await CheckHarness.StartAsync(kind);
        await h.Project.LandAsync("linear", "issues", ["identifier", "due"], ["i1", "ENG-1", "2020-01-01"], ["i2", "ENG-2", "2999-01-01"]);
        h.Project.Write("dbt_project.yml", "name: shop\n")
            .Write("models/stg_issues.sql", "select identifier, {{ dbt.cast('due', 'date') }} as due_date from {{ source('linear', 'issues') }}");
        var project = h.Project.Parse();
        Assert.Equal(Greenhouse.Warehouse.RunStatus.Succeeded, (await h.Project.RunAsync(project)).Status);
        h.WriteChecks("due.yml", """
            checks:
              overdue:
                sql: >
                  select identifier, due_date from {{ ref('stg_issues') }}
                  where due_date < {{ dbt.dateadd('day', -2, dbt.current_timestamp()) }}
                key: identifier
                message: "{{ identifier }} was due {{ due_date }}"
            """);
        var service = h.Service(h.Channel("errors", NotificationLevel.Error));

        var result = Assert.Single(await service.RunAsync(service.History.Definitions, runId: 7, project: project));

        Assert.True(result.Outcome.Status == CheckStatus.Error, result.Outcome.Error);
        Assert.Equal("ENG-1", Assert.Single(result.NewRows).Key);
        Assert.Equal(7, Assert.Single(await h.Warehouse.ReadCheckRunsAsync("overdue")).RunId);
        Assert.Contains("• ENG-1 was due 2020-01-01", Assert.Single(h.Messages("errors")).Text, StringComparison.Ordinal);
    }
}
