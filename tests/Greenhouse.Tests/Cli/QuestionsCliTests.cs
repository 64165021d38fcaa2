namespace Greenhouse.Tests.Cli;

/// <summary><c>greenhouse questions export|import</c> as a person runs them: exit codes, what they print, what they leave on disk.</summary>
public sealed class QuestionsCliTests
{
    [Fact]
    public async Task Import_then_export_round_trips_and_bad_files_exit_2_naming_the_line()
    {
        var directory = Directory.CreateTempSubdirectory("gh-questions-cli-").FullName;
        try
        {
            Assert.Equal(0, (await Infrastructure.Cli.RunAsync(directory, null, "init")).ExitCode);
            var early = await Infrastructure.Cli.RunAsync(directory, null, "questions", "export", "out");
            Assert.True(early.ExitCode == 2, early.Stderr);
            Assert.Contains("no warehouse at ", early.Stderr, StringComparison.Ordinal);
            Assert.Equal(["greenhouse.yml"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));

            var bi = Path.Combine(directory, "bi");
            Directory.CreateDirectory(Path.Combine(bi, "questions"));
            Directory.CreateDirectory(Path.Combine(bi, "dashboards"));
            File.WriteAllText(Path.Combine(bi, "questions", "count.yml"), "name: Customer count\ncollection: Core dashboards\nsql: |-\n  select count(*) as n\n  from raw_stripe_customers\nchart: number\n");
            File.WriteAllText(Path.Combine(bi, "dashboards", "home.yml"), "name: Home\ncollection: Core dashboards\ncards:\n- Customer count\n");

            var import = await Infrastructure.Cli.RunAsync(directory, null, "questions", "import", "bi");
            Assert.True(import.ExitCode == 0, import.Stderr);
            Assert.Equal("Questions: 1 added, 0 changed, 0 unchanged. Dashboards: 1 added, 0 changed, 0 unchanged.", import.Stdout.Trim());

            var export = await Infrastructure.Cli.RunAsync(directory, null, "questions", "export", "out");
            Assert.True(export.ExitCode == 0, export.Stderr);
            Assert.Equal("Wrote 1 question(s) and 1 dashboard(s) to out (2 file(s)).", export.Stdout.Trim());
            Assert.Equal(File.ReadAllText(Path.Combine(bi, "questions", "count.yml")), File.ReadAllText(Path.Combine(directory, "out", "questions", "customer-count.yml")));
            Assert.Equal(File.ReadAllText(Path.Combine(bi, "dashboards", "home.yml")), File.ReadAllText(Path.Combine(directory, "out", "dashboards", "home.yml")));
            Assert.Contains("0 added, 0 changed, 1 unchanged", (await Infrastructure.Cli.RunAsync(directory, null, "questions", "import", "out")).Stdout, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(bi, "dashboards", "home.yml"), "name: Home\ncard: [Customer count]\n");
            var bad = await Infrastructure.Cli.RunAsync(directory, null, "questions", "import", "bi");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("dashboards/home.yml:2:1: card: unknown key. Did you mean 'cards'?", bad.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, (await Infrastructure.Cli.RunAsync(directory, null, "questions", "import", "nowhere")).ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
