namespace Greenhouse.Warehouse;

/// <summary>
/// A record ready to land: its key, typed values (aligned with the stream's columns; CLR types
/// string, long, decimal, bool, DateTimeOffset or null), raw JSON text and content hash.
/// </summary>
public sealed record RecordRow(
    string Id,
    object?[] Values,
    string RawJson,
    string Hash,
    DateTimeOffset AsOf,
    bool Deleted);
