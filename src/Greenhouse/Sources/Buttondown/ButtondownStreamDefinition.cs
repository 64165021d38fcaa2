namespace Greenhouse.Sources.Buttondown;

/// <summary>
/// One Buttondown list endpoint as a stream: its path (relative to <c>…/v1/</c>), typed columns, and how an
/// incremental run narrows the listing. Buttondown filters only by day (<c>YYYY-MM-DD</c>) and has no
/// "modified since" filter, so a stream says either which date filters find its changes
/// (<paramref name="ChangeDateFilters"/>: one listing per <c>{filter}__start</c>, the cursor being the request window)
/// or which field it can be ordered by newest-modified first (<paramref name="ModifiedField"/>: the listing stops at
/// the first object modified before the cursor minus the lookback).
/// </summary>
internal sealed record ButtondownStreamDefinition(
    string Name,
    string Description,
    string Path,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> ChangeDateFilters,
    string? ModifiedField = null)
{
    /// <summary>The cursor follows <see cref="ModifiedField"/>; a stream found by date filters keeps the request window instead.</summary>
    public StreamSpec Spec { get; } = new(Name, "id", Columns, ModifiedField, Description);

    public StreamDescriptor Descriptor(string source) => new(source, Spec);
}
