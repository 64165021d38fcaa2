using System.Diagnostics;
using Greenhouse.Query;
using Greenhouse.Warehouse;
using Npgsql;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// Adversarial SQL through the read path on both warehouses: each attempt is refused by the database (not by reading
/// the text), the message says why, and re-querying as the owner shows nothing changed.
/// </summary>
public sealed class ReadOnlyPathTests
{
    private static readonly QueryOptions Read = QueryService.Read(maxRows: 100, TimeSpan.FromSeconds(30));

    /// <summary>Attacks both dialects must refuse: (kind, name, SQL with {t} for the table, what the message says).</summary>
    public static TheoryData<string, string, string> Attacks()
    {
        var data = new TheoryData<string, string, string>();
        string[] common =
        [
            "DELETE FROM {t}",
            "UPDATE {t} SET name = 'x'",
            "INSERT INTO {t} (id) VALUES ('evil')",
            "DROP TABLE {t}",
            "ALTER TABLE {t} ADD COLUMN evil text",
            "CREATE TABLE evil (x int)",
        ];
        foreach (var kind in new[] { "sqlite", "postgresql" })
        {
            foreach (var sql in common)
            {
                data.Add(kind, sql, "Query refused: ");
            }

            data.Add(kind, "SELECT 1; DELETE FROM {t}", "more than one statement");
        }

        // SQLite has no writable CTEs: it does not parse. Its authorizer refuses COMMIT and a pragma that sets a value
        // while preparing the first statement, before the second is looked at.
        data.Add("sqlite", "WITH d AS (DELETE FROM {t} RETURNING *) SELECT count(*) FROM d", "Query failed: ");
        data.Add("sqlite", "COMMIT; DELETE FROM {t}", "Query refused: ");
        data.Add("sqlite", "PRAGMA query_only = 0; DELETE FROM {t}", "Query refused: ");
        data.Add("postgresql", "WITH d AS (DELETE FROM {t} RETURNING *) SELECT count(*) FROM d", "Query refused: ");
        data.Add("postgresql", "COMMIT; DELETE FROM {t}", "more than one statement");
        data.Add("sqlite", "PRAGMA user_version = 7", "Query refused: ");
        data.Add("sqlite", "PRAGMA journal_mode = DELETE", "Query refused: ");
        data.Add("sqlite", "ATTACH '{dir}/evil.db' AS evil", "Query refused: ");
        data.Add("sqlite", "VACUUM INTO '{dir}/copy.db'", "Query refused: ");
        data.Add("postgresql", "SET default_transaction_read_only = off; DELETE FROM {t}", "more than one statement");
        data.Add("postgresql", "SET TRANSACTION READ WRITE; DELETE FROM {t}", "more than one statement");
        data.Add("postgresql", "COPY (SELECT 1) TO PROGRAM 'touch {dir}/evil'", "Query refused: the reader login may not do this");
        data.Add("postgresql", "SELECT lo_import('/etc/hostname')", "Query refused: ");
        data.Add("postgresql", "SELECT pg_read_file('/etc/hostname')", "Query refused: the reader login may not do this");
        data.Add("postgresql", "TRUNCATE {t}", "Query refused: ");
        return data;
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task An_attack_through_the_read_path_changes_nothing_and_says_why(string kind, string attack, string why)
    {
        await using var path = await ReadPath.CreateAsync(kind);
        var directory = Directory.CreateTempSubdirectory("gh-attack-").FullName;
        var sql = attack.Replace("{t}", path.Table, StringComparison.Ordinal).Replace("{dir}", directory, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => path.Reader.QueryAsync(sql, Read));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await path.CountAsync());
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(["id", "name"], (await path.Owner.QueryAsync($"SELECT id, name FROM {path.Table} LIMIT 1")).Columns);
        Assert.All((await path.Owner.QueryAsync($"SELECT name FROM {path.Table}")).Rows, row => Assert.Equal("n", row[0]));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Switching_read_only_off_with_set_config_or_set_transaction_does_not_let_the_next_query_write()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");

        // Each is allowed (one statement, nothing after it in its transaction); the next query starts READ ONLY again.
        var set = await path.Reader.QueryAsync("SELECT set_config('default_transaction_read_only', 'off', false)", Read);
        await path.Reader.QueryAsync("SET TRANSACTION READ WRITE", Read);
        var delete = await Assert.ThrowsAsync<WarehouseException>(() => path.Reader.QueryAsync($"DELETE FROM {path.Table}", Read));

        Assert.Equal("off", Assert.Single(set.Rows)[0]);
        Assert.True(delete.WriteRefused);
        Assert.Equal(3, await path.CountAsync());
    }

    [Fact]
    public async Task The_reader_cannot_terminate_the_owners_session()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");
        await using var owner = new NpgsqlConnection(TestWarehouse.PostgresConnectionString);
        await owner.OpenAsync();
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", owner);
        var ownerPid = (int)(await pid.ExecuteScalarAsync())!;

        var error = await Assert.ThrowsAsync<WarehouseException>(() => path.Reader.QueryAsync($"SELECT pg_terminate_backend({ownerPid})", Read));

        Assert.Contains("Query refused: the reader login may not do this", error.Message, StringComparison.Ordinal);
        await using var still = new NpgsqlCommand("SELECT 1", owner);
        Assert.Equal(1, await still.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_runaway_recursive_query_is_cut_at_its_timeout_and_the_reader_stays_usable(string kind)
    {
        await using var path = await ReadPath.CreateAsync(kind);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<WarehouseException>(() => path.Reader.QueryAsync(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
            QueryService.Read(maxRows: 100, TimeSpan.FromSeconds(1))));

        Assert.Equal("Query stopped: it ran longer than its timeout of 1 s.", error.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        Assert.Equal(3L, Convert.ToInt64(Assert.Single((await path.Reader.QueryAsync($"SELECT count(*) FROM {path.Table}", Read)).Rows)[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_ten_million_row_result_is_cut_at_the_limit_with_flat_memory(string kind)
    {
        await using var path = await ReadPath.CreateAsync(kind);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await path.Reader.QueryAsync(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000) SELECT x FROM n", Read);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(100, result.Rows.Count);
        Assert.True(result.Truncated);
        Assert.Equal("first 100 rows; more were cut", result.CutNote);
        Assert.InRange(allocated, 0, 50L * 1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_endless_result_with_no_timeout_returns_at_the_limit_because_the_rest_is_not_read(string kind)
    {
        await using var path = await ReadPath.CreateAsync(kind);

        var result = await path.Reader.QueryAsync(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n",
                new QueryOptions { ReadOnly = true, MaxRows = 10 })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(10, result.Rows.Count);
        Assert.True(result.Truncated);
        Assert.Equal(3, await path.CountAsync());
    }
}
