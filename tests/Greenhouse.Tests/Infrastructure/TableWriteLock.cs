using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// Another writer holding a table of a test warehouse in an open transaction: on PostgreSQL an EXCLUSIVE lock on the
/// table (writes wait, reads go on), on SQLite the database's write lock (writers wait up to their busy timeout).
/// </summary>
public sealed class TableWriteLock : IAsyncDisposable
{
    private readonly System.Data.Common.DbConnection _connection;
    private readonly System.Data.Common.DbTransaction _transaction;
    private bool _released;

    private TableWriteLock(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<TableWriteLock> TakeAsync(TestWarehouse target, string tableSql)
    {
        ArgumentNullException.ThrowIfNull(target);
        System.Data.Common.DbConnection connection = target.Kind == "sqlite"
            ? new SqliteConnection($"Data Source={target.Spec["sqlite:".Length..]}")
            : new NpgsqlConnection(TestWarehouse.PostgresConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // SQLite takes its write lock at the first write; a no-op update takes it without changing anything.
        command.CommandText = target.Kind == "sqlite"
            ? $"UPDATE {tableSql} SET id = id WHERE 0"
            : $"LOCK TABLE {tableSql} IN EXCLUSIVE MODE";
        await command.ExecuteNonQueryAsync();
        return new TableWriteLock(connection, transaction);
    }

    public async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        await _transaction.RollbackAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_released)
        {
            _released = true;
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
