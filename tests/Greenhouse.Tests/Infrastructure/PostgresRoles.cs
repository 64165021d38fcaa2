using Greenhouse.Warehouse.Postgres;
using Npgsql;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// Drops a test's login. Under the advisory lock <c>greenhouse grant</c> takes, since grants and <c>DROP OWNED</c>
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
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            serialize.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresRunLock.KeyFor("greenhouse:grants") });
            await serialize.ExecuteNonQueryAsync();
        }

        await using (var drop = new NpgsqlCommand($"DROP OWNED BY {role}; DROP ROLE {role}", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
