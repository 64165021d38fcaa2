namespace Greenhouse.Warehouse;

/// <summary>What the warehouse holds of one object: the instant its snapshot describes, its content hash and whether it is soft-deleted.</summary>
public sealed record StoredSnapshot(DateTimeOffset AsOf, string Hash, bool Deleted);
