using System.Text;
using Greenhouse.Sources;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>A broken file fails its own stream with the file and line, and commits nothing of that file.</summary>
public sealed class CsvErrorTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task AssertFailsAsync(SourceHarness harness, string stream, string message)
    {
        var summary = await harness.SyncAsync();

        var result = summary.Streams.Single(s => s.Stream == $"files.{stream}");
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAsync(stream));
        // The good file beside it still lands.
        Assert.Equal(RunStatus.Succeeded, summary.Streams.Single(s => s.Stream == "files.good").Status);
        Assert.Equal(2, await harness.CountAsync("good"));
    }

    private static async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteFile("good.csv", "id,name", "1,a", "2,b");
        return harness;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_ragged_row_names_the_file_line_and_field_counts(string kind)
    {
        await using var harness = await StartAsync(kind);
        var lines = new List<string> { "id,name,email,plan" };
        lines.AddRange(Enumerable.Range(1, 15).Select(i => $"{i},n{i},n{i}@example.com,free"));
        lines.Add("16,n16,n16@example.com,free,extra");
        lines.Add("17,n17,n17@example.com,free");
        harness.WriteFile("customers.csv", [.. lines]);

        await AssertFailsAsync(harness, "customers", "customers.csv line 17: 5 fields where the header has 4");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Invalid_utf8_names_the_file_and_line(string kind)
    {
        await using var harness = await StartAsync(kind);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("id,name\n1,ok\n2,"));
        bytes.AddRange([0xC3, 0x28, 0xFF]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\n3,fine\n"));
        harness.WriteBytes("customers.csv", [.. bytes]);

        await AssertFailsAsync(harness, "customers", "customers.csv line 3: not valid UTF-8");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_file_without_a_header_row_says_so(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("customers.csv", "1,Ada,ada@example.com", "2,Grace,grace@example.com");

        await AssertFailsAsync(harness, "customers", "customers.csv line 1: '1' looks like a value, not a column name; the file has no header row");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_empty_file_says_it_needs_a_header(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteBytes("customers.csv", []);

        await AssertFailsAsync(harness, "customers", "customers.csv: the file is empty; line 1 must be a header row");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_duplicate_primary_key_names_both_lines(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("customers.csv", "id,name", "1,Ada", "2,Grace", "1,Again");

        await AssertFailsAsync(harness, "customers", "customers.csv line 4: primary key 'id' = 1 is already on line 2");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Broken_quoting_names_the_file_and_line(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("customers.csv", "id,name", "1,Ada", "2,\"Gr\"ace", "3,Linus");

        await AssertFailsAsync(harness, "customers", "customers.csv line 3: not readable as CSV");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_missing_folder_names_the_path_and_the_config_key(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        var folder = harness.DataFolder();
        Directory.Delete(folder);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        var error = summary.Streams.Single(s => s.Stream == "files.*").Error;
        Assert.Contains("sources.files.path", error, StringComparison.Ordinal);
        Assert.Contains(folder, error, StringComparison.Ordinal);
    }
}
