using Greenhouse.Warehouse.Postgres;
using Npgsql;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// Drops a test's login. Under the lock <c>greenhouse grant</c> takes (<see cref="PostgresWarehouse.LockGrantsAsync"/>), since grants and <c>DROP OWNED</c>
/// rewrite the same catalog rows (the database's ACL): run side by side they deadlock or see a tuple "concurrently deleted".
/// </summary>
internal static class PostgresRoles
{
    public static async Task DropAsync(string role)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestWarehouse.PostgresConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresWarehouse.LockGrantsAsync(connection, CancellationToken.None);
        await using (var drop = new NpgsqlCommand($"DROP OWNED BY {role}; DROP ROLE {role}", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
