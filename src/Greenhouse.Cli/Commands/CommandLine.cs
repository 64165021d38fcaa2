using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Greenhouse.Config;

namespace Greenhouse.Cli.Commands;

/// <summary>
/// Parses and invokes. A mistake in what was typed (an unknown command or option, a missing argument, a value of the
/// wrong type) is one error line per problem, a suggestion for a misspelt name, and exit 2, like a mistake in the config.
/// </summary>
internal static class CommandLine
{
    public static async Task<int> InvokeAsync(Command root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Action is not ParseErrorAction)
        {
            // Ctrl+C or SIGTERM cancels the action's token; the action then records what it was doing (a sync: the run as
            // interrupted) and returns. The process is ended regardless only if that takes longer than serve's 20 s promise.
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(25) });
        }

        var command = parsed.CommandResult.Command;
        var names = command.Subcommands.Select(c => c.Name).Concat(command.Options.Concat(Ancestors(parsed.CommandResult).SelectMany(c => c.Options.Where(o => o.Recursive))).Select(o => o.Name));
        // "Required command was not provided" says nothing when a misspelt one was: report the misspelling alone.
        foreach (var error in parsed.Errors.Where(e => parsed.UnmatchedTokens.Count == 0
            || parsed.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))
            || e.SymbolResult is not CommandResult { Command.Subcommands.Count: > 0 }))
        {
            var hint = parsed.UnmatchedTokens.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) is { } unmatched
                ? DidYouMean.Hint(unmatched, names)
                : "";
            await Console.Error.WriteLineAsync($"error: {error.Message}{hint}");
        }

        await Console.Error.WriteLineAsync($"Run '{string.Join(' ', Path(parsed.CommandResult))} --help' for usage.");
        return ExitCodes.BadConfig;
    }

    private static IEnumerable<Command> Ancestors(CommandResult result)
    {
        for (var parent = result.Parent; parent is CommandResult command; parent = command.Parent)
        {
            yield return command.Command;
        }
    }

    private static IEnumerable<string> Path(CommandResult result) =>
        Ancestors(result).Reverse().Append(result.Command).Select(c => c.Name);
}
