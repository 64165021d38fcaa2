using System.Text.RegularExpressions;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>The README stays true for a newcomer: every command it shows exists, and the facts of a first run are there.</summary>
public sealed partial class ReadmeTests
{
    [GeneratedRegex(@"^greenhouse (?<words>[a-z][a-z-]*(?: [a-z][a-z-]*)?)", RegexOptions.Multiline)]
    private static partial Regex Command();

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public async Task Every_command_the_readme_shows_is_one_the_cli_knows()
    {
        var commands = Command().Matches(Readme)
            .Select(m => m.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).ToArray())
            .Select(words => string.Join(' ', words))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("state show", commands);
        Assert.Contains("migrate", commands);
        var directory = Directory.CreateTempSubdirectory("gh-readme-").FullName;

        foreach (var command in commands)
        {
            var words = command.Split(' ');
            // "greenhouse query SELECT…" has one command word; "greenhouse state show" two: keep the words the CLI knows.
            var help = await Infrastructure.Cli.RunAsync(directory, null, [.. words, "--help"]);
            if (help.ExitCode != 0 && words.Length == 2)
            {
                help = await Infrastructure.Cli.RunAsync(directory, null, words[0], "--help");
            }

            Assert.True(help.ExitCode == 0, $"greenhouse {command}: {help.Stderr}");
        }
    }

    [Fact]
    public void The_readme_says_what_a_first_run_costs_and_what_it_changes()
    {
        var readme = Readme;
        Assert.Contains("a few minutes", readme, StringComparison.Ordinal);
        Assert.Contains("~/.dotnet/tools", readme, StringComparison.Ordinal);
        Assert.Contains("sets the local `postgres`\nuser's password", readme, StringComparison.Ordinal);
        Assert.Contains("## What is not built yet", readme, StringComparison.Ordinal);
        Assert.Contains("`3` the warehouse cannot be reached", readme, StringComparison.Ordinal);
    }
}
