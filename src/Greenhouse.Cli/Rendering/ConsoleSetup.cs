using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

internal static class ConsoleSetup
{
    /// <summary>Piped or redirected output gets no colour codes and full-width tables, so scripts and logs can read it.</summary>
    public static void Configure()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Width = 160;
        }
    }
}
