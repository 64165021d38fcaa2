using System.CommandLine;
using Greenhouse.Questions;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

/// <summary>
/// <c>greenhouse questions export DIR</c> and <c>questions import DIR</c>: the web UI's saved questions and dashboards
/// as YAML files (<see cref="QuestionFiles"/>), to keep in version control and load into another warehouse.
/// </summary>
internal static class QuestionsCommand
{
    public static Command Create() =>
        new("questions", "Export the web UI's saved questions and dashboards as YAML files, or import them") { Export(), Import() };

    private static Argument<string> Folder(string description) => new("dir") { Description = description };

    private static Command Export()
    {
        var folder = Folder("The folder to write questions/*.yml and dashboards/*.yml into (made if missing; .yml files there that name nothing are removed)");
        var command = new Command("export", "Write every saved question and dashboard as a YAML file") { folder };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
            var store = new QuestionStore(warehouse);
            var questions = await store.ReadQuestionsAsync(cancellationToken);
            var dashboards = await store.ReadDashboardsAsync(cancellationToken);
            var path = parseResult.GetValue(folder)!;
            var files = QuestionFiles.Write(path, questions, dashboards);
            Console.WriteLine($"Wrote {questions.Count} question(s) and {dashboards.Count} dashboard(s) to {path} ({files.Count} file(s)).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import()
    {
        var folder = Folder("The folder holding questions/*.yml and dashboards/*.yml (as export writes them)");
        var command = new Command("import", "Add or update the questions and dashboards the files describe, by name; others are left alone") { folder };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var files = QuestionFiles.Read(parseResult.GetValue(folder)!);
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            await warehouse.MigrateAsync(cancellationToken);
            var by = $"import by {Environment.UserName}";
            var result = await new QuestionStore(warehouse).ImportAsync(files, by, DateTimeOffset.UtcNow, cancellationToken);
            Console.WriteLine($"Questions: {result.QuestionsAdded} added, {result.QuestionsChanged} changed, {result.QuestionsUnchanged} unchanged. "
                + $"Dashboards: {result.DashboardsAdded} added, {result.DashboardsChanged} changed, {result.DashboardsUnchanged} unchanged.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
