using System.Globalization;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

internal static class ConsoleSetup
{
    /// <summary>
    /// Piped or redirected output gets no colour codes and 160-column tables, so scripts and logs can read it; a terminal
    /// gets its own width. <c>COLUMNS</c>, when set, is the width either way (tables and progress are laid out to fit it).
    /// </summary>
    public static void Configure()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Width = 160;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns >= 40)
        {
            AnsiConsole.Profile.Width = columns;
            SyncRenderer.Log.Profile.Width = columns;
        }
    }
}
