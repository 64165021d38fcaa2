using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Warehouse;

/// <summary>A small stream with one column of each type, and helpers to build its rows and batches.</summary>
internal static class TestRows
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static StreamDescriptor Items { get; } = new("test", "items", "id",
    [
        new ColumnSpec("name", ColumnType.Text),
        new ColumnSpec("amount", ColumnType.Integer),
        new ColumnSpec("rate", ColumnType.Decimal),
        new ColumnSpec("active", ColumnType.Boolean),
        new ColumnSpec("created", ColumnType.Timestamp),
    ]);

    public static RecordRow Row(string id, string name = "n", DateTimeOffset? asOf = null, bool deleted = false, long amount = 100)
    {
        var raw = JsonSerializer.Serialize(new { id, name, amount, deleted });
        return new RecordRow(id, [name, amount, 1.5m, true, T0], raw, Hash(raw), asOf ?? T0, deleted);
    }

    public static IReadOnlyList<RecordRow> Rows(int count, string name = "n") =>
        [.. Enumerable.Range(1, count).Select(i => Row($"id{i:D5}", name))];

    public static BatchCommit Batch(
        long runId,
        IReadOnlyList<RecordRow> rows,
        DateTimeOffset? now = null,
        string cursor = "c",
        bool trackSeen = false,
        bool start = false,
        bool finish = false,
        StreamDescriptor? stream = null) =>
        new(stream ?? Items, runId, rows, "", new JsonObject { ["cursor"] = cursor }, trackSeen, start, finish, 1, 0, now ?? T0);

    /// <summary>The hash a sync stores for <paramref name="raw"/>.</summary>
    public static string Hash(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return CanonicalJson.Hash(document.RootElement);
    }

    /// <summary>Migrates, creates the stream table and starts a run with a running stream run; returns the run id.</summary>
    public static async Task<long> PrepareAsync(IWarehouse warehouse, StreamDescriptor? stream = null)
    {
        await warehouse.MigrateAsync();
        await warehouse.EnsureStreamTableAsync(stream ?? Items);
        var runId = await warehouse.BeginRunAsync("test", T0);
        await warehouse.BeginStreamRunAsync(runId, (stream ?? Items).FullName, SyncMode.Incremental, T0);
        return runId;
    }

    /// <summary>One column of one row, by id, through the warehouse's own query path.</summary>
    public static async Task<object?> ValueAsync(IWarehouse warehouse, string column, string id, StreamDescriptor? stream = null)
    {
        var result = await warehouse.QueryAsync($"SELECT {column} FROM {warehouse.TableSql(stream ?? Items)} WHERE id = '{id}'");
        return Assert.Single(result.Rows)[0];
    }

    /// <summary>Every row's sync metadata; in PostgreSQL also its row version (xmin, ctid), which any rewrite changes.</summary>
    public static async Task<string> RowVersionsAsync(ISqlClient warehouse, string table, string kind)
    {
        var version = kind == "postgresql" ? "xmin::text || ctid::text" : "''";
        var result = await warehouse.QueryAsync(
            $"SELECT id, _gh_last_synced, _gh_run_id, _gh_first_seen, {version} FROM {table} ORDER BY id");
        return string.Join("\n", result.Rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public static async Task<long> ScalarAsync(IWarehouse warehouse, string sql) =>
        Convert.ToInt64(Assert.Single((await warehouse.QueryAsync(sql)).Rows)[0], System.Globalization.CultureInfo.InvariantCulture);
}
