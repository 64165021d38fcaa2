using System.CommandLine;
using Greenhouse.Checks;
using Greenhouse.Cli.Rendering;
using Greenhouse.Sandbox.Demo;
using Greenhouse.Query;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>How each vendor the sandbox fakes is written in a sentence.</summary>
    private static readonly Dictionary<string, string> VendorNames = new(StringComparer.Ordinal)
    {
        ["stripe"] = "Stripe",
        ["github"] = "GitHub",
        ["linear"] = "Linear",
        ["plain"] = "Plain",
        ["sentry"] = "Sentry",
        ["buttondown"] = "Buttondown",
        ["ecb"] = "ECB",
    };

    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The SQLite file to create (replaced if it exists)", DefaultValueFactory = _ => "greenhouse-demo.db" };
        var command = new Command("demo", "Sync the built-in sandbox into a fresh SQLite file, build its dbt project and answer a few questions; needs no set-up") { database, SandboxCommand.Size };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var demo = await DemoSession.StartAsync(parseResult.GetValue(database)!, parseResult.GetValue(SandboxCommand.Size), cancellationToken);
            var vendors = demo.Config.Sources.Select(s => VendorNames.GetValueOrDefault(s.Type, s.Type)).ToList();
            AnsiConsole.Write(new Text(
                $"The sandbox serves fake {string.Join(", ", vendors[..^1])} and {vendors[^1]} APIs at {demo.Sandbox.BaseUrl}<vendor> "
                + $"(no accounts, no keys); the warehouse is {demo.Config.Warehouse.Description}.\n"));
            await using var warehouse = WarehouseFactory.Open(demo.Config);
            var sync = new RunService(new SyncService(demo.Config, warehouse), notifications: null);

            AnsiConsole.MarkupLine("[bold]1. First sync: a full backfill[/]");
            var first = await SyncRenderer.RunAsync(sync, new SyncRequest(Trigger: "demo"), cancellationToken);
            SyncRenderer.WriteSummary(first);

            AnsiConsole.MarkupLine("[bold]2. Sync again at once: incremental, nothing rewritten[/]");
            var second = await SyncRenderer.RunAsync(sync, new SyncRequest(Trigger: "demo"), cancellationToken);
            SyncRenderer.WriteSummary(second);

            AnsiConsole.MarkupLine($"[bold]3. Build the sandbox shop's dbt project[/] ([blue]{Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, demo.Config.Transform!.ProjectPath))}[/]): staging views, fct_mrr, dim_customers");
            var transform = new TransformService(demo.Config, warehouse, TimeProvider.System);
            var project = transform.Parse();
            var build = await TransformRenderer.RunAsync(
                transform, project, [.. project.TransformNodes.Select(n => n.UniqueId)], new TransformRunOptions(Trigger: "demo"), cancellationToken);
            TransformRenderer.WriteSummary(project, build);
            var checks = await WriteChecksAsync(demo, warehouse, build, project, cancellationToken);

            AnsiConsole.MarkupLine("[bold]4. Questions answered from the models and the raw tables[/]");
            var query = new QueryService(warehouse);
            foreach (var question in DemoQuestions.For(warehouse))
            {
                AnsiConsole.Write(new Text(question.Title + "\n", new Style(decoration: Decoration.Bold)));
                AnsiConsole.Write(new Text(question.Sql.Trim() + "\n", new Style(decoration: Decoration.Dim)));
                ResultTable.Write(await query.RunAsync(question.Sql, cancellationToken));
            }

            AnsiConsole.MarkupLine("[bold]5. Real time: Stripe and Linear send signed webhooks[/]");
            var webhook = await demo.DeliverWebhookAsync(cancellationToken);
            var landed = await query.RunAsync(
                $"SELECT id, email FROM raw_stripe_customers WHERE id = '{webhook.ObjectId}'", cancellationToken);
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{webhook.EventType} for {webhook.ObjectId} (email now {webhook.NewValue}): HTTP {webhook.HttpStatus}, {webhook.Outcome}; the warehouse says {landed.Rows.Single()[1]}"));
            var linear = await demo.DeliverLinearWebhookAsync(cancellationToken);
            var retitled = await query.RunAsync(
                $"SELECT identifier, title, state_name FROM raw_linear_issues WHERE id = '{linear.ObjectId}'", cancellationToken);
            var issue = retitled.Rows.Single();
            AnsiConsole.MarkupLine(Markup.Escape(
                $"Linear {linear.EventType} for {issue[0]} (title now \"{linear.NewValue}\"): HTTP {linear.HttpStatus}, {linear.Outcome}; the warehouse says \"{issue[1]}\" ({issue[2]})"));

            AnsiConsole.Write(new Text(
                $"Ask your own: greenhouse query --warehouse {demo.Config.Warehouse.Description} \"SELECT month, movement, mrr_reporting FROM analytics_fct_mrr ORDER BY month DESC LIMIT 5\"\n"));
            return first.Status == RunStatus.Succeeded && second.Status == RunStatus.Succeeded && build.Status == RunStatus.Succeeded && checks
                ? ExitCodes.Success
                : ExitCodes.RunFailed;
        }));
        return command;
    }

    /// <summary>The build's tests and the project's checks, as serve runs them after a build: what each found, and the Slack message it sent. False when one could not run.</summary>
    private static async Task<bool> WriteChecksAsync(DemoSession demo, IWarehouse warehouse, TransformRunResult build, CompiledProject project, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine("[bold]Checks: what slipped between the dashboards[/] (checks/slippage.yml; also the project's data tests)");
        var (tests, checks, told) = await demo.CheckAsync(warehouse, build, project, cancellationToken);
        var definitions = CheckLoader.Load(demo.Config);
        var passed = tests.Count(t => !t.Outcome.Failing && t.Outcome.Status != CheckStatus.RuntimeError);
        AnsiConsole.MarkupLine(Markup.Escape($"{passed} of {tests.Count} data tests passed."));
        foreach (var check in checks)
        {
            var outcome = check.Outcome;
            if (outcome.Status == CheckStatus.RuntimeError)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(outcome.Name)}[/]: could not run: {Markup.Escape(outcome.Error ?? "")}");
                continue;
            }

            AnsiConsole.MarkupLine(Markup.Escape($"{outcome.Name} ({CheckText.Status(outcome.Status)}): {outcome.Description}: {CheckText.Rows(outcome.FailingRows)}"));
            var rows = await warehouse.ReadOpenCheckRowsAsync(outcome.Name, cancellationToken);
            foreach (var line in CheckService.Format(definitions.FirstOrDefault(d => d.Name == outcome.Name), rows).Take(5))
            {
                AnsiConsole.MarkupLine(Markup.Escape($"  • {line}"));
            }
        }

        foreach (var message in told)
        {
            // The blocks as Slack shows them (the plain text is the notification's fallback; &lt; is how Slack escapes <).
            var shown = message.Text is { } fallback && message.AllText.StartsWith(fallback, StringComparison.Ordinal) && message.AllText.Length > fallback.Length
                ? message.AllText[fallback.Length..].TrimStart('\n')
                : message.AllText;
            // Without emoji variation selectors, which terminals draw wider than the panel measures them.
            var text = System.Net.WebUtility.HtmlDecode(shown).Replace("\uFE0F", "", StringComparison.Ordinal);
            AnsiConsole.Write(new Panel(Markup.Escape(text)).Header(Markup.Escape($"sent to the sandbox's Slack ({message.Path})")).Border(BoxBorder.Rounded));
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Every open row, and since when: greenhouse query --warehouse {demo.Config.Warehouse.Description} \"SELECT check_name, key, first_seen_at FROM _gh_check_rows WHERE resolved_at IS NULL\""));
        return checks.All(c => c.Outcome.Status != CheckStatus.RuntimeError) && tests.All(t => t.Outcome.Status != CheckStatus.RuntimeError);
    }
}
