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

    /// <summary>Loads the config; what it allows but advises against (a literal password) is a warning on stderr.</summary>
    public static GreenhouseConfig LoadConfig(ParseResult parseResult)
    {
        var config = new ConfigLoader(BuiltInConnectors.Create()).Load(parseResult.GetValue(Config)!);
        foreach (var warning in config.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        return config;
    }
}
