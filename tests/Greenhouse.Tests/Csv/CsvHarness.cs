using System.Text;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>A temp folder of CSV files, a fresh warehouse, and a greenhouse.yml with one csv source named <c>files</c> reading ./data.</summary>
public sealed class CsvHarness : IAsyncDisposable
{
    private CsvHarness(TestWarehouse warehouse, string directory)
    {
        Warehouse = warehouse;
        Directory = directory;
    }

    public TestWarehouse Warehouse { get; }

    public string Directory { get; }

    public string DataFolder => Path.Combine(Directory, "data");

    public string ConfigPath => Path.Combine(Directory, "greenhouse.yml");

    public static async Task<CsvHarness> StartAsync(string warehouseKind, string source = "primary_key: id")
    {
        var warehouse = await TestWarehouse.CreateAsync(warehouseKind);
        var harness = new CsvHarness(warehouse, System.IO.Directory.CreateTempSubdirectory("gh-csv-").FullName);
        System.IO.Directory.CreateDirectory(harness.DataFolder);
        harness.WriteConfig(source);
        return harness;
    }

    /// <summary>Writes greenhouse.yml; <paramref name="source"/> adds lines to the csv source.</summary>
    public void WriteConfig(string source = "")
    {
        var sourceLines = string.Join("", source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(ConfigPath, $$"""
            warehouse: "{{Warehouse.Spec}}"
            schema: {{Warehouse.RawSchema}}
            sources:
              files:
                type: csv
                path: ./data
            {{sourceLines}}
            """);
    }

    /// <summary>Writes a file into the data folder from lines (joined with \n, ending in one).</summary>
    public void WriteFile(string name, params string[] lines) =>
        File.WriteAllText(Path.Combine(DataFolder, name), string.Join("\n", lines) + "\n", new UTF8Encoding(false));

    public void WriteBytes(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(DataFolder, name), bytes);

    public GreenhouseConfig LoadConfig() => new ConfigLoader(Connectors.All, _ => null).Load(ConfigPath);

    public Task<RunSummary> SyncAsync(SyncRequest? request = null) =>
        new SyncService(LoadConfig()).RunAsync(request ?? new SyncRequest(Trigger: "test"));

    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public async Task<string> TableAsync(string stream)
    {
        await using var warehouse = Warehouse.Open();
        return warehouse.TableSql(new StreamDescriptor("files", stream, "id", []));
    }

    public async Task<HashSet<string>> LiveIdsAsync(string stream)
    {
        var result = await QueryAsync($"SELECT id FROM {await TableAsync(stream)} WHERE _gh_deleted_at IS NULL");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }

    public async Task<long> CountAsync(string stream) =>
        Convert.ToInt64((await QueryAsync($"SELECT COUNT(*) FROM {await TableAsync(stream)}")).Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Warehouse.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
