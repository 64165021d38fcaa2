namespace Greenhouse.Catalog;

/// <summary>One column of a described table: its SQL type, what it holds, whether it is indexed, and the stream it points to.</summary>
/// <param name="Metadata">One of the columns every landed table has (<c>id</c>, <c>_gh_*</c>), not a vendor field.</param>
/// <param name="References">The table whose <c>id</c> it holds (a foreign key), when it holds one.</param>
public sealed record ColumnDescription(string Name, string Type, string? Description, bool Indexed, bool Metadata, string? References);
