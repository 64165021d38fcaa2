using System.Globalization;
using Greenhouse.Config;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>Per-file declarations in the <c>streams:</c> mapping: a primary key and column types.</summary>
public sealed class CsvDeclarationTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_stream_declares_its_own_primary_key_and_column_types(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteConfig("streams: {people: {primary_key: email, columns: {zip: integer}}, orders: {}}");
        harness.WriteFile("people.csv", "email,name,zip", "ada@example.com,Ada,01234", "grace@example.com,Grace,94105");
        harness.WriteFile("orders.csv", "id,amount", "o1,5");
        harness.WriteFile("ignored.csv", "id,x", "1,2");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(["files.orders", "files.people"], summary.Streams.Select(s => s.Stream).Order(StringComparer.Ordinal));
        Assert.Equal(["ada@example.com", "grace@example.com"], (await harness.LiveIdsAsync("people")).Order(StringComparer.Ordinal));
        var zip = (await harness.QueryAsync($"SELECT zip FROM {harness.Table("people")} WHERE id = 'ada@example.com'")).Rows[0][0];
        Assert.Equal(1234, Convert.ToInt64(zip, CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_declared_column_the_file_lacks_fails_that_file(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteConfig("streams: {people: {columns: {postcode: text}}}", defaults: "");
        harness.WriteFile("people.csv", "email,zip", "ada@example.com,01234");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("people.csv line 1: no column 'postcode' (declared in sources.files.streams.people.columns)", summary.Streams.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stream_name_fails_the_plan_with_a_suggestion()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, "sqlite");
        harness.WriteConfig("streams: [customer]", defaults: "");
        harness.WriteFile("customers.csv", "id,name", "1,Ada");

        var error = await Assert.ThrowsAsync<ConfigException>(() => harness.SyncAsync());

        Assert.Contains("sources.files.streams: unknown stream 'customer'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Streams of files: customers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_type_is_a_config_error()
    {
        var directory = Directory.CreateTempSubdirectory("gh-csv-config-").FullName;
        try
        {
            var path = Path.Combine(directory, "greenhouse.yml");
            File.WriteAllText(path, "sources:\n  files:\n    type: csv\n    path: ./data\n    streams: {people: {columns: {zip: intger}}}\n");

            var error = Assert.Throws<ConfigException>(() => new ConfigLoader(Greenhouse.Sources.BuiltInConnectors.Create(), _ => null).Load(path));

            Assert.Contains("sources.files.streams.people.columns.zip: 'intger' is not a column type", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
