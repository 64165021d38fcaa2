using Greenhouse.Sources;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// One stream of a REST source: the endpoint (relative to <c>base_url</c>) and its fixed query parameters, where the
/// records are in the body (<paramref name="Records"/>, dot-separated; empty when the body is the array), the primary key,
/// paging, optional incremental reading and typed columns.
/// </summary>
public sealed record RestStreamConfig(
    string Name,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string Records,
    string PrimaryKey,
    RestPaginationConfig Pagination,
    RestIncrementalConfig? Incremental,
    IReadOnlyList<ColumnSpec> Columns)
{
    public StreamDescriptor Descriptor(string source) => new(source, Name, PrimaryKey, Columns);
}
