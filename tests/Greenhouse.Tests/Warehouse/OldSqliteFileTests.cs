using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// A warehouse file written by the previous release (Microsoft.Data.Sqlite 6.0.7 with SQLite 3.35.5; the fixture
/// folder holds its config and the CSV it synced) opens, answers current SQLite syntax and syncs on unchanged.
/// </summary>
public sealed class OldSqliteFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-old-sqlite-").FullName;

    public OldSqliteFileTests()
    {
        var fixture = Path.Combine(RepositoryRoot.Path, "tests", "Greenhouse.Tests", "Warehouse", "Fixtures", "sqlite-3.35");
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_directory, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task A_file_written_by_sqlite_3_35_answers_arrow_operators_on_a_current_sqlite()
    {
        var result = await Infrastructure.Cli.RunAsync(_directory, null, "query",
            "SELECT sqlite_version() AS version, _gh_raw ->> 'email' AS email FROM raw_files_customers WHERE id = '2'");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("grace@example.com", result.Stdout, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(result.Stdout, @"3\.(\d+)\.\d+");
        Assert.True(version.Success && int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 53, result.Stdout);
    }

    [Fact]
    public async Task A_file_written_by_the_previous_release_syncs_its_unchanged_rows_as_unchanged()
    {
        var again = await SyncAsync();
        Assert.Equal((0, 0, 3), again);

        await File.AppendAllTextAsync(Path.Combine(_directory, "data", "customers.csv"), "4,edsger@example.com,pro,49.50,2024-04-05T06:07:08Z\n");
        Assert.Equal((1, 0, 3), await SyncAsync());
    }

    private async Task<(int New, int Updated, int Unchanged)> SyncAsync()
    {
        var result = await Infrastructure.Cli.RunAsync(_directory, null, "sync", "--json");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var stream = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("streams")[0];
        return (stream.GetProperty("new").GetInt32(), stream.GetProperty("updated").GetInt32(), stream.GetProperty("unchanged").GetInt32());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
