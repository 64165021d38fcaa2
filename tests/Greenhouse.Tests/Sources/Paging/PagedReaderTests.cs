using Greenhouse.Sources;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Tests.Sources.Paging;

/// <summary>The one page loop: page numbers, the end of a listing, and a repeated page or cursor failing before it is handed back.</summary>
public sealed class PagedReaderTests
{
    private const string Url = "https://api.example.com/v1/items";

    /// <summary>A listing whose page at cursor c (none: the first) points at <paramref name="next"/>[c].</summary>
    private static Func<string?, int, CancellationToken, Task<ListPage>> Listing(Dictionary<string, string?> next, List<(string? At, int Number)> requests) =>
        (at, number, _) =>
        {
            requests.Add((at, number));
            var cursor = next[at ?? ""];
            return Task.FromResult(Pages.Of(Url, cursor is null ? """{"next":null}""" : $$"""{"next":"{{cursor}}"}"""));
        };

    [Fact]
    public async Task Pages_are_read_until_one_has_no_next_and_each_is_handed_back_with_its_number_and_next()
    {
        var requests = new List<(string?, int)>();
        var reader = new PagedReader(new JsonCursorPaginator("next", "cursor"), (next, number) => $"page {number} repeats {next}");

        var pages = new List<(int, string?)>();
        await foreach (var listed in reader.ReadAsync(null, Listing(new() { [""] = "c1", ["c1"] = "c2", ["c2"] = null }, requests)))
        {
            pages.Add((listed.Number, listed.Next));
        }

        Assert.Equal([(1, "c1"), (2, "c2"), (3, null)], pages);
        Assert.Equal([(null, 1), ("c1", 2), ("c2", 3)], requests);
    }

    [Fact]
    public async Task A_next_that_repeats_fails_with_the_streams_message_before_that_page_is_handed_back()
    {
        var requests = new List<(string?, int)>();
        var reader = new PagedReader(new JsonCursorPaginator("next", "cursor"), (next, number) => $"page {number} repeats {next}");
        var handed = new List<int>();

        var error = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var listed in reader.ReadAsync(null, Listing(new() { [""] = "c1", ["c1"] = "c1" }, requests)))
            {
                handed.Add(listed.Number);
            }
        });

        Assert.Equal("page 2 repeats c1", error.Message);
        Assert.Equal([1], handed);
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task The_position_a_resumed_run_starts_from_counts_as_seen()
    {
        var requests = new List<(string?, int)>();
        var reader = new PagedReader(new JsonCursorPaginator("next", "cursor"), (next, number) => $"page {number} repeats {next}");

        var error = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var _ in reader.ReadAsync("c5", Listing(new() { ["c5"] = "c5" }, requests)))
            {
            }
        });

        Assert.Equal("page 1 repeats c5", error.Message);
    }

    [Fact]
    public async Task Page_numbers_and_seen_positions_go_on_through_the_listings_of_one_run()
    {
        var requests = new List<(string?, int)>();
        var reader = new PagedReader(new JsonCursorPaginator("next", "cursor"), (next, number) => $"page {number} repeats {next}");
        var pages = new Dictionary<string, string?> { [""] = "c1", ["c1"] = null };

        await foreach (var _ in reader.ReadAsync(null, Listing(pages, requests)))
        {
        }

        var error = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var _ in reader.ReadAsync(null, Listing(pages, requests)))
            {
            }
        });

        Assert.Equal([(null, 1), ("c1", 2), (null, 3)], requests);
        Assert.Equal("page 3 repeats c1", error.Message);
    }

    [Fact]
    public async Task A_stream_that_stops_early_reads_no_further_page()
    {
        var requests = new List<(string?, int)>();
        var reader = new PagedReader(new JsonCursorPaginator("next", "cursor"), (next, number) => $"page {number} repeats {next}");

        await foreach (var _ in reader.ReadAsync(null, Listing(new() { [""] = "c1", ["c1"] = "c2" }, requests)))
        {
            break;
        }

        Assert.Single(requests);
    }
}
