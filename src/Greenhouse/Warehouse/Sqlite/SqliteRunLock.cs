using System.Globalization;
using SQLitePCL;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// An exclusive write transaction held open on a side file next to the database. SQLite's file locks exclude
/// other processes and other connections in this one; the OS drops them when the process dies.
/// Uses the native API directly so that "busy" comes back at once instead of after Microsoft.Data.Sqlite's retries.
/// </summary>
internal sealed class SqliteRunLock : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private sqlite3? _db;

    private SqliteRunLock(sqlite3 db) => _db = db;

    public static async Task<SqliteRunLock?> AcquireAsync(string lockPath, bool wait, CancellationToken cancellationToken)
    {
        SqliteWarehouse.InitializeNative();
        var rc = raw.sqlite3_open_v2(lockPath, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = raw.sqlite3_errstr(rc).utf8_to_string();
            db.Dispose();
            throw new WarehouseException(
                $"Cannot open the run lock file {lockPath} ({message}). Check that its directory exists and is writable.");
        }

        try
        {
            raw.sqlite3_busy_timeout(db, 0);
            while (true)
            {
                rc = raw.sqlite3_exec(db, "BEGIN EXCLUSIVE");
                if (rc == raw.SQLITE_OK)
                {
                    break;
                }

                if (rc != raw.SQLITE_BUSY && rc != raw.SQLITE_LOCKED)
                {
                    throw Failed(db, lockPath);
                }

                if (!wait)
                {
                    db.Dispose();
                    return null;
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }

            // A write inside the transaction, so the lock is certainly taken (and shows who holds it).
            var holder = string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE IF NOT EXISTS run_lock (pid INTEGER, taken_at TEXT); DELETE FROM run_lock; INSERT INTO run_lock VALUES ({Environment.ProcessId}, '{SqliteTime.ToText(DateTimeOffset.UtcNow)}')");
            if (raw.sqlite3_exec(db, holder) != raw.SQLITE_OK)
            {
                throw Failed(db, lockPath);
            }

            return new SqliteRunLock(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        var db = Interlocked.Exchange(ref _db, null);
        if (db is not null)
        {
            raw.sqlite3_exec(db, "ROLLBACK");
            db.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static WarehouseException Failed(sqlite3 db, string lockPath) =>
        new($"The run lock file {lockPath} cannot be used: {raw.sqlite3_errmsg(db).utf8_to_string()}");
}
