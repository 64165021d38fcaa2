using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Sync;

namespace Greenhouse.Tests.Sources;

/// <summary>A typed column holds the value at the first of its paths that is present and not null (a vendor's other API versions).</summary>
public sealed class ColumnPathTests
{
    private static readonly StreamDescriptor Stream = new("vendor", "things", "id",
    [
        new("period_end", ColumnType.Integer) { FallbackPaths = ["items.0.period_end", "legacy.period_end"] },
        new("owner", ColumnType.Text, "owner.id"),
    ]);

    private static object?[] Values(string json)
    {
        using var document = JsonDocument.Parse(json);
        var warnings = new List<string>();
        var row = RecordConverter.ToRow(Stream, new SourceRecord(document.RootElement.Clone(), DateTimeOffset.UnixEpoch), 1, warnings);
        Assert.Empty(warnings);
        return row.Values;
    }

    [Theory]
    [InlineData("""{"id":"a","period_end":1}""", 1L)]
    [InlineData("""{"id":"a","period_end":1,"items":[{"period_end":2}]}""", 1L)]
    [InlineData("""{"id":"a","items":[{"period_end":2}],"legacy":{"period_end":3}}""", 2L)]
    [InlineData("""{"id":"a","period_end":null,"items":[{"period_end":null}],"legacy":{"period_end":3}}""", 3L)]
    [InlineData("""{"id":"a","items":[],"legacy":{"period_end":3}}""", 3L)]
    [InlineData("""{"id":"a","items":"not a list"}""", null)]
    public void The_first_path_holding_a_value_fills_the_column(string json, long? expected) =>
        Assert.Equal(expected, Values(json)[0]);

    [Fact]
    public void A_column_without_fallbacks_reads_its_one_path()
    {
        Assert.Equal("u1", Values("""{"id":"a","owner":{"id":"u1"}}""")[1]);
        Assert.Null(Values("""{"id":"a","owner":null}""")[1]);
        Assert.Equal(["owner", "id"], Assert.Single(Stream.Columns[1].PathSegments));
        Assert.Equal(3, Stream.Columns[0].PathSegments.Count);
    }
}
