using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Npgsql;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// A warehouse with three landed rows and a second instance that reads the way <c>greenhouse query</c> does: SQLite's
/// read-only connection, or on PostgreSQL a reader login made by <c>GrantReaderAsync</c> (dropped again on dispose).
/// </summary>
public sealed class ReadPath : IAsyncDisposable
{
    private ReadPath(TestWarehouse test, IWarehouse owner, IWarehouse reader, string? role)
    {
        Test = test;
        Owner = owner;
        Reader = reader;
        Role = role;
    }

    public TestWarehouse Test { get; }

    public IWarehouse Owner { get; }

    public IWarehouse Reader { get; }

    /// <summary>PostgreSQL: the reader login's name.</summary>
    public string? Role { get; }

    public const string Password = "reader-pass-1";

    public string Table => Owner.TableSql(Items);

    public static async Task<ReadPath> CreateAsync(string kind)
    {
        var test = await TestWarehouse.CreateAsync(kind);
        var owner = test.Open();
        var runId = await PrepareAsync(owner);
        await owner.CommitBatchAsync(Batch(runId, Rows(3)));
        if (kind == "sqlite")
        {
            return new ReadPath(test, owner, test.Open(), null);
        }

        var role = "gh_reader_" + Guid.NewGuid().ToString("N")[..8];
        await ((IReaderGrants)owner).GrantReaderAsync(role, Password);
        var reader = WarehouseFactory.Open(WarehouseSetting.Parse(test.Spec).WithReader(ConnectionStringFor(role)), test.RawSchema);
        return new ReadPath(test, owner, reader, role);
    }

    public static string ConnectionStringFor(string role) =>
        new NpgsqlConnectionStringBuilder(TestWarehouse.PostgresConnectionString) { Username = role, Password = Password, Pooling = false }.ConnectionString;

    public async Task<long> CountAsync() => await ScalarAsync(Owner, $"SELECT count(*) FROM {Table}");

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        if (Role is not null)
        {
            await PostgresRoles.DropAsync(Role);
        }

        await Test.DisposeAsync();
    }
}
