using System.CommandLine;
using System.CommandLine.Help;
using Greenhouse.Cli.Commands;
using Greenhouse.Cli.Rendering;

ConsoleSetup.Configure();

// A RootCommand names itself after the executable (Greenhouse.Cli.dll, for an installed tool too); the command is `greenhouse`.
var root = new Command("greenhouse", "Greenhouse: your SaaS data in a warehouse you own.") { new HelpOption(), new VersionOption() };
root.Options.Add(CommonOptions.Config);
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(StateCommand.Create());
root.Subcommands.Add(TransformCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(QueryCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(GrantCommand.Create());
root.Subcommands.Add(SandboxCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(McpCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(QuestionsCommand.Create());
return await CommandLine.InvokeAsync(root, args);
