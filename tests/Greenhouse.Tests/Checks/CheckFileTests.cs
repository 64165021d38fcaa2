using Greenhouse.Checks;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Tests.Transform.Project;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Checks;

/// <summary><c>checks/*.yml</c> as a user writes them: defaults, and problems named by file, line, key and what to do.</summary>
public sealed class CheckFileTests
{
    private static GreenhouseConfig Config(string root, string? checksPath = null) =>
        new(Path.Combine(root, "greenhouse.yml"), WarehouseSetting.Parse("sqlite:/tmp/unused.db"), "raw", WhenRunning.Fail, [])
        {
            Connectors = BuiltInConnectors.Create(),
            Notifications = [new NotificationChannelConfig("team", "webhook", new HashSet<NotificationLevel> { NotificationLevel.Warn }, null, null, null, null)],
            ChecksPath = checksPath,
        };

    private static string Folder(string file, string yaml)
    {
        var root = ProjectHarness.NewFolder();
        ProjectHarness.Write(root, Path.Combine("checks", file), yaml);
        return root;
    }

    private static string Problem(string yaml) => Assert.Throws<ConfigException>(() => CheckLoader.Load(Config(Folder("c.yml", yaml)))).Message;

    [Fact]
    public void An_entry_like_the_issues_example_reads_with_its_settings_and_the_defaults_fill_the_rest()
    {
        var root = Folder("linear.yml", """
            checks:
              overdue_linear_issues:
                description: Linear issues open more than two days past their due date
                sql: >
                  select identifier, title, assignee, due_date from {{ ref('stg_linear__issues') }}
                  where completed_at is null
                key: identifier
                severity: warn
                message: "{{ identifier }} “{{ title }}” ({{ assignee }}) was due {{ due_date }}"
                notify: [team]
                schedule: "0 9 * * 1-5"
                remind_every: 2d
                max_rows: 20
              plain:
                sql: select 1 as id
            """);

        var checks = CheckLoader.Load(Config(root));

        var overdue = checks[0];
        Assert.Equal(("overdue_linear_issues", CheckSeverity.Warn, "0 9 * * 1-5", 20), (overdue.Name, overdue.Severity, overdue.Schedule, overdue.MaxRows));
        Assert.Equal(["identifier"], overdue.Key);
        Assert.Equal(["team"], overdue.Notify);
        Assert.Equal(TimeSpan.FromDays(2), overdue.RemindEvery);
        Assert.Equal(("checks/linear.yml", 2, 5), (overdue.File, overdue.Line, overdue.SqlLine));
        var plain = checks[1];
        Assert.Equal((CheckSeverity.Error, 100, (string?)null), (plain.Severity, plain.MaxRows, plain.Schedule));
        Assert.Empty(plain.Key);
        Assert.Null(plain.Notify);
        Assert.Equal(TimeSpan.FromHours(24), plain.RemindEvery);
    }

    [Fact]
    public void A_misspelt_key_names_file_line_and_the_key_it_resembles()
    {
        var message = Problem("""
            checks:
              overdue:
                sql: select 1 as id
                severty: warn
            """);
        Assert.StartsWith("checks/c.yml:4:5: checks.overdue.severty: unknown key. Did you mean 'severity'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_severity_channel_or_missing_sql_says_what_to_write()
    {
        Assert.Contains("checks/c.yml:4:15: checks.overdue.severity: 'wrn' is not one of: warn, error. Did you mean 'warn'?",
            Problem("checks:\n  overdue:\n    sql: select 1\n    severity: wrn\n"), StringComparison.Ordinal);
        Assert.Contains("checks.overdue.notify: 'taem' is not a channel of greenhouse.yml's notifications:. Did you mean 'team'? Channels: team",
            Problem("checks:\n  overdue:\n    sql: select 1\n    notify: [taem]\n"), StringComparison.Ordinal);
        Assert.Contains("checks/c.yml:3:5: checks.overdue.sql: required: the query whose rows are the offenders",
            Problem("checks:\n  overdue:\n    description: nothing to run\n"), StringComparison.Ordinal);
        Assert.Contains("checks.overdue.schedule: 'every day' is not a cron expression",
            Problem("checks:\n  overdue:\n    sql: select 1\n    schedule: every day\n"), StringComparison.Ordinal);
        Assert.Contains("checks.overdue.message: not a valid template",
            Problem("checks:\n  overdue:\n    sql: select 1\n    message: \"{{ identifier \"\n"), StringComparison.Ordinal);
        Assert.Contains("checks/c.yml:2:3: checks.Overdue-Issues: a check's name is a plain lower-case identifier",
            Problem("checks:\n  Overdue-Issues:\n    sql: select 1\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_checks_of_one_name_are_refused_naming_both_places()
    {
        var root = Folder("a.yml", "checks:\n  overdue:\n    sql: select 1\n");
        ProjectHarness.Write(root, "checks/b.yml", "checks:\n  other:\n    sql: select 2\n  overdue:\n    sql: select 3\n");

        var message = Assert.Throws<ConfigException>(() => CheckLoader.Load(Config(root))).Message;

        Assert.Equal("checks/b.yml:4: checks.overdue: the name is taken by the check at checks/a.yml:2; rename one.", message);
    }

    [Fact]
    public void No_checks_folder_is_no_checks_but_a_configured_folder_that_is_missing_is_an_error()
    {
        var root = ProjectHarness.NewFolder();
        Assert.Empty(CheckLoader.Load(Config(root)));

        var message = Assert.Throws<ConfigException>(() => CheckLoader.Load(Config(root, Path.Combine(root, "rules")))).Message;
        Assert.Contains("checks: the folder", message, StringComparison.Ordinal);
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Greenhouse_yml_checks_key_is_a_folder_relative_to_the_config()
    {
        var root = ProjectHarness.NewFolder();
        ProjectHarness.Write(root, "greenhouse.yml", "warehouse: sqlite:greenhouse.db\nchecks: ./rules\nsources:\n  stripe:\n    type: stripe\n    api_key: ${STRIPE_API_KEY}\n");

        var config = new ConfigLoader(BuiltInConnectors.Create()).Load(Path.Combine(root, "greenhouse.yml"));

        Assert.Equal(Path.Combine(root, "rules"), config.ChecksPath);
        Assert.Equal(Path.Combine(root, "rules"), CheckLoader.Folder(config));
    }

    [Fact]
    public void A_check_with_a_schedule_of_its_own_gets_a_schedule_entry()
    {
        var root = Folder("c.yml", "checks:\n  morning:\n    sql: select 1\n    schedule: \"0 9 * * 1-5\"\n  after_builds:\n    sql: select 2\n");

        var entries = Greenhouse.Scheduling.ScheduleEntries.From(Config(root));

        var entry = Assert.Single(entries);
        Assert.Equal(("check:morning", "morning", "0 9 * * 1-5"), (entry.Key, entry.Check, entry.Schedule.Text));
    }
}
