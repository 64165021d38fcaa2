namespace Greenhouse.Sources.Rest;

/// <summary>
/// A REST stream's paging. <paramref name="Path"/> is where the next URL or cursor is in the body (dot-separated);
/// <paramref name="Param"/> the query parameter a cursor or page number goes in; <paramref name="SizeParam"/> and
/// <paramref name="Size"/> the page size (offset: <c>limit_param</c>); <paramref name="ResultsParam"/> the Link parameter
/// that says whether the next page exists (Sentry's <c>results</c>).
/// </summary>
public sealed record RestPaginationConfig(
    RestPaginationType Type,
    string? Path = null,
    string? Param = null,
    string? SizeParam = null,
    int? Size = null,
    string? ResultsParam = null);
