using System.CommandLine;
using Greenhouse.Cli.Commands;
using Greenhouse.Cli.Rendering;

ConsoleSetup.Configure();

var root = new RootCommand("Greenhouse: your SaaS data in a warehouse you own.");
root.Options.Add(CommonOptions.Config);
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(StateCommand.Create());
root.Subcommands.Add(QueryCommand.Create());
root.Subcommands.Add(SandboxCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return await root.Parse(args).InvokeAsync();
