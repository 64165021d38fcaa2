namespace Greenhouse.Warehouse;

/// <summary>The warehouse cannot be reached or used; the message says what to do and never holds a password.</summary>
public sealed class WarehouseException : Exception
{
    public WarehouseException(string message) : base(message) { }
    public WarehouseException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The read-only query path refused the query because it would change data (the database said no).</summary>
    public bool WriteRefused { get; init; }
}
