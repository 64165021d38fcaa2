using Greenhouse.Tests.Warehouse;

namespace Greenhouse.Tests.Cli;

/// <summary><c>greenhouse query</c> reads by default; changing data needs <c>--write</c>.</summary>
public sealed class QueryWriteTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_write_without_write_is_refused_and_with_it_runs(string kind)
    {
        await using var path = await ReadPath.CreateAsync(kind);
        var directory = Path.GetTempPath();

        var refused = await Infrastructure.Cli.RunAsync(directory, null, "query", "--warehouse", path.Test.Spec, $"DELETE FROM {path.Table}");
        var countAfterRefusal = await path.CountAsync();
        var written = await Infrastructure.Cli.RunAsync(directory, null, "query", "--write", "--warehouse", path.Test.Spec, $"DELETE FROM {path.Table}");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("read-only; pass --write to change data", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, countAfterRefusal);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.Equal(0, await path.CountAsync());
    }

    [Fact]
    public async Task A_read_cut_at_max_rows_says_so()
    {
        await using var path = await ReadPath.CreateAsync("sqlite");

        var result = await Infrastructure.Cli.RunAsync(Path.GetTempPath(), null, "query", "--max-rows", "2", "--warehouse", path.Test.Spec, $"SELECT id FROM {path.Table}");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("(first 2 rows; more were cut)", result.Stdout, StringComparison.Ordinal);
    }
}
