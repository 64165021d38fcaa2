using System.Text.RegularExpressions;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Checks;

/// <summary>
/// The words of check messages and of the stored statuses: a check that starts failing, has new offending rows,
/// is still failing, recovers, cannot run or runs again. Each names the check and its description, lists the first
/// rows formatted by its <c>message</c> ("and 12 more"), and says how to see them all.
/// </summary>
internal static partial class CheckText
{
    /// <summary>How many rows a message lists before "and N more".</summary>
    public const int RowsShown = 10;

    private const int MaxSqlLength = 600;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>How <c>_gh_check_runs.status</c> stores a status.</summary>
    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Warn => "warn",
        CheckStatus.Error => "error",
        _ => "runtime error",
    };

    public static CheckStatus ParseStatus(string text) => text switch
    {
        "pass" => CheckStatus.Pass,
        "warn" => CheckStatus.Warn,
        "error" => CheckStatus.Error,
        _ => CheckStatus.RuntimeError,
    };

    public static string Severity(CheckSeverity severity) => severity == CheckSeverity.Warn ? "warn" : "error";

    public static NotificationLevel Level(CheckSeverity severity) => severity == CheckSeverity.Warn ? NotificationLevel.Warn : NotificationLevel.Error;

    /// <summary>The check started failing: every offending row is new.</summary>
    public static Notification Failing(CheckOutcome outcome, IReadOnlyList<CheckRowRecord> newRows, DateTimeOffset now)
    {
        var lines = Intro(outcome);
        lines.Add($"{Rows(outcome.FailingRows)} failing:");
        AddRows(lines, outcome, newRows, outcome.FailingRows);
        AddSeeAll(lines, outcome);
        return Message(outcome, "check_failing", $"{Icon(outcome)} check {outcome.Name} fails: {Rows(outcome.FailingRows)}", lines, now);
    }

    /// <summary>The check was failing already and found keys that were not open.</summary>
    public static Notification NewRows(CheckOutcome outcome, IReadOnlyList<CheckRowRecord> newRows, AlertRecord previous, DateTimeOffset now)
    {
        var lines = Intro(outcome);
        lines.Add($"{Rows(newRows.Count)} newly failing ({Rows(outcome.FailingRows)} failing in all, since {NotificationText.When(previous.Since)}):");
        AddRows(lines, outcome, newRows, newRows.Count);
        AddSeeAll(lines, outcome);
        return Message(outcome, "check_new_rows", $"{Icon(outcome)} check {outcome.Name}: {Rows(newRows.Count)} newly failing", lines, now);
    }

    /// <summary>Nothing new, but <c>remind_every</c> has passed since people were last told.</summary>
    public static Notification StillFailing(CheckOutcome outcome, IReadOnlyList<CheckRowRecord> openRows, AlertRecord previous, DateTimeOffset now)
    {
        var lines = Intro(outcome);
        lines.Add($"Still failing since {NotificationText.When(previous.Since)} ({NotificationText.Duration(now - previous.Since)}): {Rows(outcome.FailingRows)}.");
        AddRows(lines, outcome, openRows, outcome.FailingRows);
        AddSeeAll(lines, outcome);
        return Message(outcome, "check_still_failing",
            $"{Icon(outcome)} check {outcome.Name} is still failing: {Rows(outcome.FailingRows)} (for {NotificationText.Duration(now - previous.Since)})", lines, now);
    }

    public static Notification Recovered(CheckOutcome outcome, AlertRecord previous, DateTimeOffset now)
    {
        var lines = Intro(outcome);
        lines.Add($"No failing rows now, after failing for {NotificationText.Duration(now - previous.Since)} (since {NotificationText.When(previous.Since)}).");
        return Message(outcome, "check_recovered", $"✅ check {outcome.Name} passes again", lines, now);
    }

    public static Notification CannotRun(CheckOutcome outcome, AlertRecord? previous, DateTimeOffset now)
    {
        var lines = Intro(outcome);
        lines.Add($"Error: {Shorten(Secrets.Redact(outcome.Error ?? "no error text"), MaxSqlLength)}");
        if (previous is not null)
        {
            lines.Add($"It has not run since {NotificationText.When(previous.Since)} ({NotificationText.Duration(now - previous.Since)}).");
        }

        lines.Add($"What to do: fix the check{(outcome.Location is { } at ? $" at {at}" : "")}, then run `greenhouse check run {outcome.Name}`. Its rows and alerts are kept as they were.");
        return new Notification(NotificationLevel.Error, "check_runtime_error",
            $"❌ check {outcome.Name} {(previous is null ? "could not run" : "still cannot run")}", lines, [], outcome.RunId, now);
    }

    public static Notification RunsAgain(CheckOutcome outcome, AlertRecord previous, DateTimeOffset now) => new(
        NotificationLevel.Error, "check_runs_again", $"✅ check {outcome.Name} runs again",
        [$"It could not run from {NotificationText.When(previous.Since)} for {NotificationText.Duration(now - previous.Since)}; it now {(outcome.Failing ? $"finds {Rows(outcome.FailingRows)}" : "passes")}."],
        [], outcome.RunId, now);

    /// <summary>Each row as its check's <c>message</c> renders it with the row's columns; the key when it has none or it fails.</summary>
    public static IReadOnlyList<string> Format(string? message, string file, IEnumerable<CheckRowRecord> rows)
    {
        Template? template = null;
        if (message is not null)
        {
            try
            {
                template = Template.Parse(message, file);
            }
            catch (TemplateException)
            {
                template = null;
            }
        }

        var lines = new List<string>();
        foreach (var row in rows)
        {
            if (template is null)
            {
                lines.Add(row.Key);
                continue;
            }

            var context = new TemplateContext();
            using (var json = System.Text.Json.JsonDocument.Parse(row.Row))
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    context.Set(property.Name, JsonValue(property.Value));
                }
            }

            try
            {
                lines.Add(template.Render(context).Trim());
            }
            catch (TemplateException e)
            {
                lines.Add($"{row.Key} (the message did not render: {e.Reason})");
            }
        }

        return lines;
    }

    public static string Rows(long count) => count == 1 ? "1 row" : $"{count:N0} rows";

    /// <summary>The compiled SQL on one line, cut to a readable length.</summary>
    public static string OneLine(string sql) => Shorten(Whitespace().Replace(sql, " ").Trim(), MaxSqlLength);

    private static List<string> Intro(CheckOutcome outcome) => outcome.Description is { Length: > 0 } description ? [description] : [];

    private static void AddRows(List<string> lines, CheckOutcome outcome, IReadOnlyList<CheckRowRecord> rows, long total)
    {
        var shown = Format(outcome.Message, outcome.Location ?? outcome.Name, rows.Take(RowsShown));
        lines.AddRange(shown.Select(r => "• " + r));
        var more = Math.Max(total, rows.Count) - shown.Count;
        if (more > 0)
        {
            lines.Add($"…and {more:N0} more");
        }
    }

    private static void AddSeeAll(List<string> lines, CheckOutcome outcome)
    {
        lines.Add($"See them all: `greenhouse check show {outcome.Name}`" + (outcome.Sql is { } sql ? $", or run: {OneLine(sql)}" : ""));
    }

    private static Notification Message(CheckOutcome outcome, string kind, string title, List<string> lines, DateTimeOffset now) =>
        new(Level(outcome.Severity), kind, title, lines, [], outcome.RunId, now);

    private static string Icon(CheckOutcome outcome) => outcome.Severity == CheckSeverity.Warn ? "⚠️" : "❌";

    private static object? JsonValue(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => value.GetString(),
        System.Text.Json.JsonValueKind.Number => value.TryGetInt64(out var l) ? l : value.GetDouble(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
