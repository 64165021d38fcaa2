using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Config;
using Greenhouse.Status;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Transform.Scaffolding;
using Greenhouse.Transform.Selection;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

/// <summary><c>greenhouse transform ls|compile|run|seed|build|init|sources|source freshness</c>: dbt's commands, names and selection syntax.</summary>
internal static class TransformCommand
{
    private static readonly Option<string[]> Select = new("--select", "-s")
    {
        Description = "Nodes to act on, in dbt's selection syntax (model, +model, model+, tag:x, path:models/staging, source:stripe+, config.materialized:table)",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string[]> Exclude = new("--exclude")
    {
        Description = "Nodes to leave out, in the same syntax",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Target = new("--target", "-t") { Description = "target.name (default: transform.target, GREENHOUSE_TARGET, or dev)" };

    private static readonly Option<string?> Vars = new("--vars") { Description = "Variables for var(), as YAML: '{start_date: 2024-01-01}'" };

    private static readonly Option<int?> Threads = new("--threads") { Description = "Nodes built at once (PostgreSQL; SQLite builds one at a time)" };

    private static readonly Option<bool> FullRefresh = new("--full-refresh") { Description = "Rebuild incremental models from scratch" };

    private static readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON on stdout" };

    private static readonly Option<bool> WarnError = new("--warn-error") { Description = "A data test that would warn fails instead" };

    private static readonly Option<string> Indirect = new("--indirect-selection")
    {
        Description = "Which tests a selected model brings along: eager (any parent selected, the default), cautious (all), buildable, empty",
        DefaultValueFactory = _ => "eager",
    };

    public static Command Create() => new("transform", "Build the dbt project set in greenhouse.yml (transform:) into the warehouse")
    {
        List(),
        Compile(),
        Build("run", "Build the selected models", [ManifestNodeType.Model]),
        Build("seed", "Load the selected seeds", [ManifestNodeType.Seed]),
        Build("test", "Run the selected data tests (generic tests in properties files, singular tests in tests/); exit 1 when an error-severity test fails", [ManifestNodeType.Test]),
        Build("build", "Load seeds, build models and run each one's tests right after it, in DAG order, skipping everything downstream of a failure",
            [ManifestNodeType.Seed, ManifestNodeType.Model, ManifestNodeType.Test]),
        Init(),
        Sources(),
        new Command("source", "Commands on the project's sources") { SourceFreshness() },
    };

    private static Command List()
    {
        var resourceType = new Option<string[]>("--resource-type") { Description = "Only these: model, seed, source, test", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "name, path, selector or json", DefaultValueFactory = _ => "selector" };
        var command = new Command("ls", "List the project's nodes (models, seeds, sources)") { Select, Exclude, resourceType, output, Target, Vars, Json };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, (service, project) =>
        {
            var types = parseResult.GetValue(resourceType) is { Length: > 0 } given ? given.Select(ResourceType).ToList() : null;
            var selection = SelectNodes(parseResult, project, types);
            var format = parseResult.GetValue(Json) ? "json" : parseResult.GetValue(output);
            if (format == "json")
            {
                Console.WriteLine(TransformJson.Nodes(selection.Nodes));
                return Task.FromResult(ExitCodes.Success);
            }

            foreach (var node in selection.Nodes)
            {
                Console.WriteLine(format switch
                {
                    "name" => node.SearchName,
                    "path" => node.Path,
                    "selector" => node.Type == ManifestNodeType.Source ? $"source:{string.Join('.', node.Fqn)}" : string.Join('.', node.Fqn),
                    _ => throw new ConfigException($"--output {format}: one of name, path, selector, json"),
                });
            }

            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    private static Command Compile()
    {
        var command = new Command("compile", "Write each selected model's compiled SQL to target/compiled/, as dbt does") { Select, Exclude, Target, Vars };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async (service, project) =>
        {
            var selection = SelectNodes(parseResult, project, [ManifestNodeType.Model]);
            var written = await TransformService.WriteCompiledAsync(project, selection.UniqueIds, cancellationToken);
            foreach (var (_, file) in written)
            {
                Console.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, file));
            }

            Console.Error.WriteLine($"Compiled {written.Count} model{(written.Count == 1 ? "" : "s")}.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Build(string name, string description, IReadOnlyCollection<ManifestNodeType> types)
    {
        var tests = types.Contains(ManifestNodeType.Test);
        var command = new Command(name, description) { Select, Exclude, Target, Vars, Threads, Json };
        if (types.Contains(ManifestNodeType.Model))
        {
            command.Options.Add(FullRefresh);
        }

        if (tests)
        {
            command.Options.Add(WarnError);
            command.Options.Add(Indirect);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async (service, project) =>
        {
            var selection = SelectNodes(parseResult, project, types, tests ? IndirectMode(parseResult.GetValue(Indirect)) : IndirectSelection.Eager);
            var options = new TransformRunOptions(FullRefresh: parseResult.GetValue(FullRefresh), Threads: parseResult.GetValue(Threads), WarnError: parseResult.GetValue(WarnError));
            var result = await TransformRenderer.RunAsync(service, project, selection.UniqueIds, options, cancellationToken);
            if (result.Tests.Count > 0)
            {
                await RecordTestsAsync(CommonOptions.LoadConfig(parseResult), result, cancellationToken);
            }

            if (parseResult.GetValue(Json))
            {
                Console.WriteLine(TransformJson.Run(result));
            }
            else
            {
                TransformRenderer.WriteSummary(project, result);
            }

            return result.Status switch
            {
                RunStatus.Succeeded => ExitCodes.Success,
                RunStatus.Interrupted => ExitCodes.Interrupted,
                _ => ExitCodes.RunFailed,
            };
        }, cancellationToken));
        return command;
    }

    private static Command SourceFreshness()
    {
        var command = new Command("freshness", "Each stream with a freshness limit (sources' freshness: in the project, or max_staleness:) against its last successful sync")
        {
            Select, Exclude, Target, Vars, Json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async (service, project) =>
        {
            var selected = parseResult.GetValue(Select) is { Length: > 0 } || parseResult.GetValue(Exclude) is { Length: > 0 }
                ? SelectNodes(parseResult, project, [ManifestNodeType.Source]).UniqueIds
                    .Select(id => project.Sources.GetValueOrDefault(id)?.Stream?.FullName).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : null;
            var (all, problem) = await service.FreshnessAsync(cancellationToken);
            if (problem is not null)
            {
                Console.Error.WriteLine($"warning: {problem}");
            }

            var streams = all.Where(f => selected is null || selected.Contains(f.Stream)).ToList();
            if (parseResult.GetValue(Json))
            {
                Console.WriteLine(TransformJson.Freshness(streams));
            }
            else
            {
                TransformRenderer.WriteFreshness(streams);
            }

            return streams.Any(f => f.Level == FreshnessLevel.Error) ? ExitCodes.RunFailed : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Init()
    {
        var folder = new Argument<string?>("folder") { Description = "Where to write the project (default: transform: in greenhouse.yml, or ./transform)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("init", "Write a starter dbt project: one staging view per enabled stream") { folder };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            var configFolder = Path.GetDirectoryName(config.Path)!;
            var target = parseResult.GetValue(folder) is { } given ? Path.GetFullPath(given) : config.Transform?.ProjectPath ?? Path.Combine(configFolder, "transform");
            var streams = SyncPlan.For(config).Streams.ToList();
            var files = StarterProject.Write(target, "greenhouse", streams);
            foreach (var file in files)
            {
                Console.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(target, file)));
            }

            if (config.Transform is null)
            {
                var relative = Path.GetRelativePath(configFolder, target).Replace('\\', '/');
                await File.AppendAllTextAsync(config.Path, $"\n# The dbt project Greenhouse builds (greenhouse transform build; serve builds it after syncs).\ntransform: ./{relative}\n", cancellationToken);
                Console.Error.WriteLine($"Added `transform: ./{relative}` to {Path.GetFileName(config.Path)}.");
            }

            Console.Error.WriteLine($"Wrote a project with {streams.Count} staging model{(streams.Count == 1 ? "" : "s")}. Next: greenhouse transform build");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Sources()
    {
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: models/sources.yml in the project; - for stdout)" };
        var command = new Command("sources", "Write a dbt sources.yml describing every landed stream (columns, types, descriptions)") { output };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await using var warehouse = WarehouseFactory.Open(config);
            var yaml = SourcesFile.Render(SyncPlan.For(config).Streams, config.Schema, warehouse.Dialect);
            var path = parseResult.GetValue(output) ?? Path.Combine(new TransformService(config, warehouse, TimeProvider.System).Settings.ProjectPath, "models", "sources.yml");
            if (path == "-")
            {
                Console.Write(yaml);
                return ExitCodes.Success;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, yaml, cancellationToken);
            Console.Error.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path))}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Loads config, warehouse and project, then runs <paramref name="action"/>; project errors exit 2 with the message.</summary>
    private static Task<int> RunAsync(ParseResult parseResult, Func<TransformService, CompiledProject, Task<int>> action, CancellationToken cancellationToken) =>
        CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await using var warehouse = WarehouseFactory.Open(config);
            var service = new TransformService(config, warehouse, TimeProvider.System);
            var project = service.Parse(
                parseResult.GetValue(Target),
                CommandLineVars.Parse(parseResult.GetValue(Vars)),
                parseResult.GetValue(Threads),
                message => SyncRenderer.Log.WriteLine(message, Style.Plain),
                parseResult.CommandResult.Command.Name,
                parseResult.CommandResult.Command.Options.Contains(FullRefresh) && parseResult.GetValue(FullRefresh));
            foreach (var warning in project.Project.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            cancellationToken.ThrowIfCancellationRequested();
            return await action(service, project);
        });

    /// <summary>Keeps each test's result in the check history and tells the channels what changed, as <c>serve</c> does after a build.</summary>
    private static async Task RecordTestsAsync(GreenhouseConfig config, TransformRunResult result, CancellationToken cancellationToken)
    {
        await using var warehouse = WarehouseFactory.Open(config);
        await CheckCommand.WithServiceAsync(config, warehouse, checks => checks.RecordTestsAsync(result, cancellationToken));
    }

    private static IndirectSelection IndirectMode(string? text) => text switch
    {
        "eager" or null => IndirectSelection.Eager,
        "cautious" => IndirectSelection.Cautious,
        "buildable" => IndirectSelection.Buildable,
        "empty" => IndirectSelection.Empty,
        _ => throw new ConfigException($"--indirect-selection {text}: one of eager, cautious, buildable, empty"),
    };

    private static NodeSelection SelectNodes(ParseResult parseResult, CompiledProject project, IReadOnlyCollection<ManifestNodeType>? types,
        IndirectSelection indirect = IndirectSelection.Eager)
    {
        var selection = new NodeSelector(project.Nodes).Select(parseResult.GetValue(Select), parseResult.GetValue(Exclude), indirect, types);
        foreach (var warning in selection.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        return selection;
    }

    private static ManifestNodeType ResourceType(string text) => text switch
    {
        "model" => ManifestNodeType.Model,
        "seed" => ManifestNodeType.Seed,
        "source" => ManifestNodeType.Source,
        "test" => ManifestNodeType.Test,
        _ => throw new ConfigException($"--resource-type {text}: one of model, seed, source, test"),
    };
}
