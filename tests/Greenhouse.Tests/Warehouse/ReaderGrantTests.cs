using Greenhouse.Warehouse;
using Npgsql;

namespace Greenhouse.Tests.Warehouse;

/// <summary><c>greenhouse grant reader</c> against the real PostgreSQL: the login it makes can read, and only read.</summary>
public sealed class ReaderGrantTests
{
    [Fact]
    public async Task The_reader_login_can_select_cannot_insert_create_or_temp_and_sees_tables_created_later()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");
        var schema = path.Test.RawSchema;
        await path.Owner.ExecuteAsync($"CREATE TABLE \"{schema}\".later (id int); INSERT INTO \"{schema}\".later VALUES (1)");
        await using var reader = new NpgsqlConnection(ReadPath.ConnectionStringFor(path.Role!));
        await reader.OpenAsync();

        Assert.Equal(3L, await ScalarAsync(reader, $"SELECT count(*) FROM {path.Table}"));
        Assert.Equal(1L, await ScalarAsync(reader, $"SELECT count(*) FROM \"{schema}\".later"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await FailureAsync(reader, $"INSERT INTO \"{schema}\".later VALUES (2)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await FailureAsync(reader, $"CREATE TABLE \"{schema}\".evil (x int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await FailureAsync(reader, "CREATE TABLE public.evil (x int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await FailureAsync(reader, "CREATE TEMP TABLE evil (x int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await FailureAsync(reader, "CREATE SCHEMA evil"));
        Assert.Equal(3, await path.CountAsync());
    }

    [Fact]
    public async Task Check_says_the_reader_is_read_only_and_names_a_table_it_was_later_allowed_to_write()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");
        var grants = (IReaderGrants)path.Owner;

        var before = await grants.CheckReaderAsync(path.Role!);
        await path.Owner.ExecuteAsync($"GRANT INSERT ON {path.Table} TO {path.Role}");
        var after = await grants.CheckReaderAsync(path.Role!);
        var missing = await grants.CheckReaderAsync("gh_nobody_" + Guid.NewGuid().ToString("N")[..8]);

        Assert.True(before.ReadOnly);
        Assert.Contains(before.Readable, s => s.Schema == path.Test.RawSchema && s.Selectable == s.Tables && s.Tables > 0);
        Assert.Empty(before.CreateIn);
        Assert.False(before.CanTemp);
        Assert.False(after.ReadOnly);
        Assert.Equal([$"{path.Test.RawSchema}.{path.Table.Split('.')[1].Trim('"')}"], after.Writable);
        Assert.False(missing.Exists);
        Assert.False(missing.ReadOnly);
    }

    [Fact]
    public async Task Granting_again_updates_the_password_and_takes_back_a_write_grant()
    {
        await using var path = await ReadPath.CreateAsync("postgresql");
        var grants = (IReaderGrants)path.Owner;
        await path.Owner.ExecuteAsync($"GRANT INSERT ON {path.Table} TO {path.Role}");

        await grants.GrantReaderAsync(path.Role!, ReadPath.Password);

        Assert.True((await grants.CheckReaderAsync(path.Role!)).ReadOnly);
    }

    [Fact]
    public async Task Granting_while_model_builds_swap_tables_and_views_fails_neither()
    {
        // A build's swap drops a table with its dependent view and re-creates both while an admin grants: unserialized,
        // GRANT ON ALL TABLES and the DROP meet the same catalog rows ("tuple concurrently deleted/updated").
        await using var path = await ReadPath.CreateAsync("postgresql");
        var owner = path.Owner;
        var grants = (IReaderGrants)owner;
        var schema = path.Test.ModelSchema("analytics");
        var table = owner.ModelRelation(schema, "fct_orders");
        var view = owner.ModelRelation(schema, "orders_view");
        await owner.EnsureSchemaAsync(table);
        using var stop = new CancellationTokenSource();
        var builds = 0;
        var churn = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || builds == 0)
            {
                await using var build = await owner.BeginBuildAsync();
                await build.ReplaceWithTableAsync(table, $"SELECT {builds} AS id");
                await build.ReplaceWithViewAsync(view, $"SELECT id FROM {table.Sql}");
                await build.CommitAsync();
                builds++;
            }
        });

        for (var i = 0; i < 15; i++)
        {
            await grants.GrantReaderAsync(path.Role!, ReadPath.Password);
        }

        await stop.CancelAsync();
        await churn;
        await grants.GrantReaderAsync(path.Role!, ReadPath.Password);
        await using var reader = new NpgsqlConnection(ReadPath.ConnectionStringFor(path.Role!));
        await reader.OpenAsync();
        Assert.Equal(builds - 1L, await ScalarAsync(reader, $"SELECT id FROM {view.Sql}"));
        Assert.True((await grants.CheckReaderAsync(path.Role!)).ReadOnly);
    }

    [Fact]
    public async Task A_role_name_that_needs_quoting_is_refused_before_anything_runs()
    {
        await using var test = await TestWarehouse.CreateAsync("postgresql");
        var grants = (IReaderGrants)test.Open();

        var error = await Assert.ThrowsAsync<WarehouseException>(() => grants.GrantReaderAsync("Robert\"; DROP", "pw"));

        Assert.Contains("is not a plain lower-case name", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> FailureAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState;
    }
}
