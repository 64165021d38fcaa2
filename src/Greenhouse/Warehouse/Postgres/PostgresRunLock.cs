using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>A session advisory lock held on its own connection; closing the connection (or the process dying) releases it.</summary>
internal sealed class PostgresRunLock(NpgsqlConnection connection, long key) : IAsyncDisposable
{
    private NpgsqlConnection? _connection = connection;

    /// <summary>A stable 64-bit key for a name (string.GetHashCode differs between processes).</summary>
    public static long KeyFor(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);

    /// <summary>Waits for the advisory lock <paramref name="key"/> and holds it until the connection's transaction ends.</summary>
    public static async Task HoldForTransactionAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            await unlock.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
