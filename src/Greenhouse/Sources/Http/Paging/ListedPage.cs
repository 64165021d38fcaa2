namespace Greenhouse.Sources.Http.Paging;

/// <summary>A page as <see cref="PagedReader"/> hands it back: the page, its number in the run, and where the next one is (null on the last).</summary>
internal sealed record ListedPage(ListPage Page, int Number, string? Next);
