using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Sandbox.Demo;
using Greenhouse.Query;
using Greenhouse.Sync;
using Greenhouse.Transform;
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
            return first.Status == RunStatus.Succeeded && second.Status == RunStatus.Succeeded && build.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
        }));
        return command;
    }
}
