namespace Greenhouse.Warehouse;

/// <summary>The warehouse cannot be reached or used; the message says what to do and never holds a password.</summary>
public sealed class WarehouseException : Exception
{
    public WarehouseException(string message) : base(message) { }
    public WarehouseException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The read-only query path refused the query because it would change data (the database said no).</summary>
    public bool WriteRefused { get; init; }

    /// <summary>
    /// The warehouse could not be reached (refused or timed-out connection, a server that is starting or full, a SQLite
    /// file that cannot be opened or stays locked): trying again later may work. False for what a person must fix
    /// (a setting, a password, the SQL, a missing or out-of-date warehouse).
    /// </summary>
    public bool Unreachable { get; init; }

    /// <summary>The warehouse is not there yet (no SQLite file, no metadata tables) or its metadata tables are older or newer than this Greenhouse.</summary>
    public bool NotReady { get; init; }
}
