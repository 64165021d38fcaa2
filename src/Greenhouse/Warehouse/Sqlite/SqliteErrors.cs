using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>Turns SQLite errors about the file itself into messages that say what to fix.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int ReadOnly = 8;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static WarehouseException Translate(SqliteException ex, string path) => ex.SqliteErrorCode switch
    {
        CantOpen => new WarehouseException(
            $"Cannot open the SQLite warehouse at {path}: the file cannot be created or opened. Check that its directory exists and is writable.", ex) { Unreachable = true },
        ReadOnly => new WarehouseException(
            $"The SQLite warehouse at {path} is read-only. Check the permissions of the file and its directory.", ex),
        NotADatabase => new WarehouseException(
            $"The file {path} is not a SQLite database. Point the warehouse setting at a new file or an existing Greenhouse database.", ex),
        Busy => new WarehouseException(
            $"The SQLite warehouse at {path} stayed locked by another process. Try again when it has finished.", ex) { Unreachable = true },
        Full => new WarehouseException($"The disk holding the SQLite warehouse at {path} is full.", ex) { Unreachable = true },
        _ => new WarehouseException($"SQLite warehouse at {path} failed: {ex.Message}", ex),
    };
}
