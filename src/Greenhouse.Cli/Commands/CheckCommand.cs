using System.CommandLine;
using System.Globalization;
using Greenhouse.Checks;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Cli.Commands;

/// <summary>
/// <c>greenhouse check run [NAME...]|ls|show NAME</c>: run the <c>checks/*.yml</c> checks (recorded and alerted on as
/// <c>serve</c> does), list them with their status and open rows, show one check's open rows.
/// </summary>
internal static class CheckCommand
{
    public static Command Create() => new("check", "Run the checks of the checks: folder, and see what they found")
    {
        Run(),
        List(),
        Show(),
    };

    private static Command Run()
    {
        var names = new Argument<string[]>("name") { Description = "The checks to run (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run checks, record their results and tell the channels what changed; exit 1 when an error-severity check fails") { names };
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async service =>
        {
            var results = await service.RunAsync(service.History.Select(parseResult.GetValue(names)), cancellationToken: cancellationToken);
            if (results.Count == 0)
            {
                Console.WriteLine("No checks to run: write a .yml file of checks in the checks: folder (see docs/checks.md).");
            }

            foreach (var result in results)
            {
                var outcome = result.Outcome;
                Console.WriteLine(outcome.Status switch
                {
                    CheckStatus.Pass => $"PASS   {outcome.Name}{Resolved(result)} ({Seconds(outcome.Seconds)})",
                    CheckStatus.RuntimeError => $"ERROR  {outcome.Name}: could not run: {Secrets.Redact(outcome.Error)}",
                    _ => $"{(outcome.Status == CheckStatus.Warn ? "WARN " : "FAIL ")}  {outcome.Name}: {CheckText.Rows(outcome.FailingRows)} failing, "
                        + $"{result.NewRows.Count} new{Resolved(result)} ({Seconds(outcome.Seconds)})",
                });
            }

            var failed = results.Count(r => r.Outcome.Status is CheckStatus.Error or CheckStatus.RuntimeError);
            var warned = results.Count(r => r.Outcome.Status == CheckStatus.Warn);
            if (results.Count > 0)
            {
                Console.WriteLine($"{results.Count} check(s): {results.Count - failed - warned} passed, {warned} warned, {failed} failed. `greenhouse check show NAME` lists the open rows.");
            }

            return failed > 0 ? ExitCodes.RunFailed : ExitCodes.Success;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("ls", "List the checks: status of the last run, open rows, failing since");
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async service =>
        {
            var summaries = await service.History.SummariesAsync(cancellationToken);
            if (summaries.Count == 0)
            {
                Console.WriteLine($"No checks in {CheckLoader.Folder(CommonOptions.LoadConfig(parseResult))} and none recorded.");
                return ExitCodes.Success;
            }

            var rows = summaries.Select(s => new[]
            {
                s.Name,
                s.Definition is { } d ? CheckText.Severity(d.Severity) : "",
                s.Status is { } status ? CheckText.Status(status) : "never run",
                s.OpenRows.ToString(CultureInfo.InvariantCulture),
                s.FailingSince is { } since ? NotificationText.When(since) : "",
                s.LastRunAt is { } at ? NotificationText.When(at) : "",
                s.Definition?.Location ?? "",
            }).ToList();
            WriteTable(["check", "severity", "status", "open rows", "failing since", "last run", "defined at"], rows);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "The check" };
        var command = new Command("show", "Show a check's open rows, oldest first, with when each was first seen") { name };
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async service =>
        {
            var check = parseResult.GetValue(name)!;
            var rows = await service.History.OpenRowsAsync(check, cancellationToken);
            var definition = service.History.Definitions.FirstOrDefault(d => d.Name == check);
            Console.WriteLine(definition?.Description is { Length: > 0 } description ? $"{check}: {description}" : check);
            if (rows.Count == 0)
            {
                Console.WriteLine("No open rows: the check passes (or has not run; `greenhouse check run " + check + "`).");
                return ExitCodes.Success;
            }

            var formatted = CheckService.Format(definition, rows);
            WriteTable(["first seen", "last seen", "row"], [.. rows.Select((r, i) => new[] { NotificationText.When(r.FirstSeenAt), NotificationText.When(r.LastSeenAt), formatted[i] })]);
            Console.WriteLine($"{CheckText.Rows(rows.Count)} open. Each row's columns are in _gh_check_rows.row (JSON).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Resolved(CheckResult result) => result.ResolvedRows > 0 ? $", {result.ResolvedRows} resolved" : "";

    private static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00}s");

    private static void WriteTable(string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        Console.WriteLine(Line(header));
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
    }

    /// <summary>Loads config and warehouse and a notification service (undeliverable messages are warnings on stderr), then runs <paramref name="action"/>.</summary>
    private static Task<int> UseAsync(ParseResult parseResult, Func<CheckService, Task<int>> action) => CliErrors.RunAsync(async () =>
    {
        var config = CommonOptions.LoadConfig(parseResult);
        await using var warehouse = WarehouseFactory.Open(config);
        return await WithServiceAsync(config, warehouse, action);
    });

    /// <summary>Runs <paramref name="action"/> with a check service whose undeliverable messages are warnings on stderr.</summary>
    internal static async Task<T> WithServiceAsync<T>(GreenhouseConfig config, IWarehouse warehouse, Func<CheckService, Task<T>> action)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((_, level) => level >= LogLevel.Warning));
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, loggers.CreateLogger<NotificationService>());
        return await action(new CheckService(config, warehouse, notifications, TimeProvider.System));
    }
}
