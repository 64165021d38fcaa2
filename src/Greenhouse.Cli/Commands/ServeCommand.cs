using System.CommandLine;
using Greenhouse.Serve;

namespace Greenhouse.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (ASP.NET's --urls)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Run scheduled syncs, receive webhooks and answer health checks until stopped") { urls };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await GreenhouseHost.RunAsync(config, parseResult.GetValue(urls)!, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
