using System.CommandLine;
using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Cli.Commands;

internal static class CommonOptions
{
    public static readonly Option<string> Config = new("--config", "-c")
    {
        Description = "The config file",
        DefaultValueFactory = _ => ConfigLoader.DefaultFileName,
        Recursive = true,
    };

    public static GreenhouseConfig LoadConfig(ParseResult parseResult) =>
        new ConfigLoader(BuiltInConnectors.Create()).Load(parseResult.GetValue(Config)!);
}
