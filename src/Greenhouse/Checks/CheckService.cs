using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Checks;

/// <summary>
/// What <c>greenhouse check</c> and <c>serve</c> do with checks: run the <c>checks/*.yml</c> entries, and record any
/// <see cref="CheckOutcome"/> (theirs, or a dbt test's) into the history (<c>_gh_check_runs</c>, <c>_gh_check_rows</c>)
/// and tell people only what changed: a check that starts failing, newly failing keys, a reminder at most every
/// <c>remind_every</c>, a recovery; a check that cannot run, and when it runs again. Alert state is the
/// <c>check:NAME</c> and <c>check_error:NAME</c> rows of <c>_gh_alerts</c>; messages go through <see cref="NotificationService"/>.
/// </summary>
public sealed class CheckService(GreenhouseConfig config, IWarehouse warehouse, NotificationService notifications, TimeProvider clock)
{
    /// <summary>The checks defined and what the warehouse remembers of their runs.</summary>
    public CheckHistory History { get; } = new(config, warehouse);

    /// <summary>The key of a check's failing alert in <c>_gh_alerts</c>.</summary>
    public static string AlertKey(string check) => $"check:{check}";

    /// <summary>The key of the alert of a check that cannot run.</summary>
    public static string ErrorAlertKey(string check) => $"check_error:{check}";

    /// <summary>
    /// Runs <paramref name="checks"/> one after another and records each. Their SQL is rendered with
    /// <paramref name="project"/> (parsed here when null: the configured transform project, or, with none, landed
    /// streams only). A check that cannot run is recorded as a runtime error and the others still run.
    /// </summary>
    /// <param name="runId">The sync or transform run they follow; null when they run on their own.</param>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(IReadOnlyList<CheckDefinition> checks, long? runId = null, CompiledProject? project = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<CheckResult>();
        if (checks.Count == 0)
        {
            return results;
        }

        project ??= Project();
        await warehouse.MigrateAsync(cancellationToken);
        foreach (var check in checks)
        {
            var outcome = await CheckRunner.RunAsync(check, project, warehouse, clock, runId, cancellationToken);
            results.Add(await RecordAsync(outcome, cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// Stores one run of any check and sends what it changed. At most <see cref="CheckOutcome.MaxRows"/> rows are
    /// stored, the true count kept. When every failing row was kept, open keys not among them are resolved; when some
    /// were cut, keys not in the sample stay open. A runtime error changes no rows.
    /// </summary>
    public async Task<CheckResult> RecordAsync(CheckOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await warehouse.MigrateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        outcome = CheckKeys(outcome);
        var open = await warehouse.ReadOpenCheckRowsAsync(outcome.Name, cancellationToken);
        var alerts = await warehouse.ReadAlertsAsync(cancellationToken);
        var failingRows = Math.Max(outcome.FailingRows, outcome.Failing ? outcome.Rows.Count : 0);
        var run = new CheckRunRecord(0, outcome.RunId, outcome.Name, CheckText.Severity(outcome.Severity), CheckText.Status(outcome.Status),
            outcome.Status == CheckStatus.RuntimeError ? 0 : failingRows, outcome.Seconds, outcome.Error, outcome.StartedAt == default ? now : outcome.StartedAt);

        if (outcome.Status == CheckStatus.RuntimeError)
        {
            var id = await warehouse.RecordCheckRunAsync(run, CheckRowChanges.None(now), cancellationToken);
            await CannotRunAsync(outcome, alerts.GetValueOrDefault(ErrorAlertKey(outcome.Name)), now, cancellationToken);
            return new CheckResult(outcome, id, [], 0, open.Count);
        }

        outcome = outcome with { FailingRows = failingRows };
        var (changes, current) = Changes(outcome, open, now);
        var recorded = await warehouse.RecordCheckRunAsync(run, changes, cancellationToken);
        if (alerts.GetValueOrDefault(ErrorAlertKey(outcome.Name)) is { } couldNotRun)
        {
            if (couldNotRun.LastNotifiedAt is not null)
            {
                await SendAsync(CheckText.RunsAgain(outcome, couldNotRun, now), outcome, cancellationToken);
            }

            await warehouse.DeleteAlertAsync(ErrorAlertKey(outcome.Name), cancellationToken);
        }

        await AlertAsync(outcome, changes.Added, current, alerts.GetValueOrDefault(AlertKey(outcome.Name)), now, cancellationToken);
        var openAfter = open.Count + changes.Added.Count - changes.Resolved.Count;
        return new CheckResult(outcome, recorded, changes.Added, changes.Resolved.Count, openAfter);
    }

    /// <summary>
    /// Records each data test a transform run ran as a check named after the test (<c>not_null_fct_mrr_month</c>):
    /// its failures join the same history, and a failing test alerts like any check, routed by its severity.
    /// </summary>
    public async Task<IReadOnlyList<CheckResult>> RecordTestsAsync(TransformRunResult run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var results = new List<CheckResult>(run.Tests.Count);
        foreach (var test in run.Tests)
        {
            results.Add(await RecordAsync(TestOutcome(test, run.RunId), cancellationToken));
        }

        return results;
    }

    /// <summary>A data test's run as a check's outcome: a warned test is a warning, a failed one an error, one that could not run a runtime error.</summary>
    internal static CheckOutcome TestOutcome(TestRun test, long runId)
    {
        var settings = test.Node.Test ?? throw new ArgumentException($"{test.Node.UniqueId} is not a data test.", nameof(test));
        var record = test.Record;
        var status = test.RuntimeError ? CheckStatus.RuntimeError : record.Status switch
        {
            ModelRunStatus.Failed => CheckStatus.Error,
            ModelRunStatus.Warned => CheckStatus.Warn,
            _ => CheckStatus.Pass,
        };
        var severity = status switch
        {
            CheckStatus.Error => CheckSeverity.Error,
            CheckStatus.Warn => CheckSeverity.Warn,
            _ => settings.SeverityIsError ? CheckSeverity.Error : CheckSeverity.Warn,
        };
        // A project's own version of a built-in test may name its columns otherwise: then the whole row is the key.
        var keys = settings.KeyColumns.All(k => test.Columns.Contains(k, StringComparer.OrdinalIgnoreCase)) ? settings.KeyColumns : [];
        var on = settings.AttachedNode is { } attached ? $" on {attached[(attached.IndexOf('.', StringComparison.Ordinal) + 1)..]}" : "";
        return new CheckOutcome
        {
            Name = test.Node.Name,
            Description = settings.Description ?? (settings.TestName is { } name
                ? $"dbt test {name}{on}{(settings.ColumnName is { } column ? $", column {column}" : "")}"
                : $"dbt test {test.Node.Name}"),
            Severity = severity,
            Status = status,
            FailingRows = status == CheckStatus.RuntimeError ? 0 : record.RowsAffected ?? 0,
            Columns = test.Columns,
            Rows = test.Rows,
            KeyColumns = keys,
            Sql = test.Sql,
            Seconds = Math.Round(record.Seconds, 3),
            Error = status == CheckStatus.RuntimeError ? record.Error : null,
            StartedAt = record.StartedAt,
            RunId = runId,
            MaxRows = TransformRunner.TestSampleRows,
            Location = settings.Location,
        };
    }

    /// <summary>Each row as its check's <c>message</c> renders it (the key when there is none).</summary>
    public static IReadOnlyList<string> Format(CheckDefinition? check, IReadOnlyList<CheckRowRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CheckText.Format(check?.Message, check?.Location ?? "message", rows);
    }

    private CompiledProject Project()
    {
        if (config.Transform is not null)
        {
            return new TransformService(config, warehouse, clock).Parse();
        }

        return ProjectCompiler.Standalone(CheckLoader.Folder(config), warehouse, new CompileSettings
        {
            RawSchema = config.Schema,
            Streams = [.. SyncPlan.For(config).Streams],
            RunStartedAt = clock.GetUtcNow(),
            Threads = 1,
        });
    }

    /// <summary>The outcome, or a runtime error when a key column is not among its columns.</summary>
    private static CheckOutcome CheckKeys(CheckOutcome outcome)
    {
        if (outcome.Status == CheckStatus.RuntimeError || (outcome.Columns.Count == 0 && (!outcome.Failing || outcome.Rows.Count == 0)))
        {
            return outcome;
        }

        var missing = outcome.KeyColumns.Where(k => !outcome.Columns.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        return missing.Count == 0
            ? outcome
            : outcome with
            {
                Status = CheckStatus.RuntimeError,
                Error = $"{(outcome.Location is { } at ? at + ": " : "")}check {outcome.Name}: key column {string.Join(", ", missing.Select(m => $"'{m}'"))} "
                    + $"{(missing.Count == 1 ? "is" : "are")} not among its result's columns ({string.Join(", ", outcome.Columns)}); fix key: or the sql",
            };
    }

    /// <summary>What this run changes in the check's rows, and the rows it found (kept ones, in result order) as they now stand.</summary>
    private static (CheckRowChanges Changes, IReadOnlyList<CheckRowRecord> Current) Changes(CheckOutcome outcome, IReadOnlyList<CheckRowRecord> open, DateTimeOffset now)
    {
        var openByKey = open.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var indexes = outcome.KeyColumns.Select(k => outcome.Columns.Select((c, i) => (c, i)).FirstOrDefault(p => string.Equals(p.c, k, StringComparison.OrdinalIgnoreCase)).i).ToList();
        var added = new List<CheckRowRecord>();
        var seen = new List<CheckRowRecord>();
        var current = new List<CheckRowRecord>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var kept = outcome.Failing ? outcome.Rows.Take(outcome.MaxRows).ToList() : [];
        foreach (var values in kept)
        {
            var key = CheckValues.Key(indexes, outcome.Columns, values);
            if (!keys.Add(key))
            {
                continue;
            }

            var json = CheckValues.RowJson(outcome.Columns, values);
            if (openByKey.TryGetValue(key, out var existing))
            {
                var updated = existing with { Row = json, LastSeenAt = now };
                seen.Add(updated);
                current.Add(updated);
            }
            else
            {
                var row = new CheckRowRecord(0, outcome.Name, key, json, now, now, null);
                added.Add(row);
                current.Add(row);
            }
        }

        // Keys cut by max_rows may still fail: only a complete result says an open key is gone.
        var complete = !outcome.Failing || kept.Count >= outcome.FailingRows;
        var resolved = complete ? open.Where(r => !keys.Contains(r.Key)).Select(r => r.Id).ToList() : [];
        return (new CheckRowChanges(now, added, seen, resolved), current);
    }

    private async Task AlertAsync(CheckOutcome outcome, IReadOnlyList<CheckRowRecord> added, IReadOnlyList<CheckRowRecord> current, AlertRecord? previous,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = AlertKey(outcome.Name);
        if (!outcome.Failing)
        {
            if (previous is not null)
            {
                // Nobody hears of a recovery from a failure nobody was told about.
                if (previous.LastNotifiedAt is not null)
                {
                    await SendAsync(CheckText.Recovered(outcome, previous, now), outcome, cancellationToken);
                }

                await warehouse.DeleteAlertAsync(key, cancellationToken);
            }

            return;
        }

        var message = previous?.LastNotifiedAt is null ? CheckText.Failing(outcome, current, now)
            : added.Count > 0 ? CheckText.NewRows(outcome, added, previous, now)
            : now - previous.LastNotifiedAt.Value >= outcome.RemindEvery ? CheckText.StillFailing(outcome, current, previous, now)
            : null;
        var told = message is not null && await SendAsync(message, outcome, cancellationToken);
        await warehouse.SaveAlertAsync(new AlertRecord(key, CheckText.Severity(outcome.Severity), previous?.Since ?? now,
            told ? now : previous?.LastNotifiedAt, $"{CheckText.Rows(outcome.FailingRows)} failing"), cancellationToken);
    }

    private async Task CannotRunAsync(CheckOutcome outcome, AlertRecord? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = previous?.LastNotifiedAt is not { } last || now - last >= outcome.RemindEvery;
        var told = due && await SendAsync(CheckText.CannotRun(outcome, previous?.LastNotifiedAt is null ? null : previous, now), outcome, cancellationToken);
        await warehouse.SaveAlertAsync(new AlertRecord(ErrorAlertKey(outcome.Name), "runtime error", previous?.Since ?? now,
            told ? now : previous?.LastNotifiedAt, Secrets.Redact(outcome.Error)), cancellationToken);
    }

    private Task<bool> SendAsync(Notification message, CheckOutcome outcome, CancellationToken cancellationToken) =>
        notifications.SendToAsync(message, outcome.Notify, cancellationToken);
}
