namespace Greenhouse.Sources.GraphQL;

/// <summary>
/// One GraphQL connection as a stream. <paramref name="Query"/> declares the variables <c>$first</c> and
/// <c>$after</c>, and the filter variable <paramref name="FilterVariable"/> when <paramref name="Incremental"/>: the
/// paginator sets it to <c>{updatedAt: {<paramref name="AfterOperator"/>: cursor − lookback}}</c> on incremental runs
/// and null on full refreshes (Linear: <c>$filter</c> with <c>gt</c>; Plain: <c>$filters</c> with <c>after</c>).
/// <paramref name="UpdatedAtPath"/> (dot-separated) is the node's last-modified time, whose maximum is the cursor.
/// A stream that is not incremental is read in full on every run (each run is a full refresh).
/// </summary>
internal sealed record GraphQLStreamDefinition(
    string Name,
    string Description,
    string Connection,
    string Query,
    IReadOnlyList<ColumnSpec> Columns,
    bool Incremental,
    string UpdatedAtPath = "updatedAt",
    string FilterVariable = "filter",
    string AfterOperator = "gt")
{
    public StreamSpec Spec { get; } = new(Name, "id", Columns, Incremental ? UpdatedAtPath : null, Description);

    public StreamDescriptor Descriptor(string source) => new(source, Spec);
}
