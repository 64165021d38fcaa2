using Greenhouse.Sources;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Tests.Sources.Paging;

/// <summary>Each paging style: the first request, the next request it derives from a page, and where the listing ends.</summary>
public sealed class PaginatorTests
{
    private const string Base = "https://api.example.com/v1/items?status=open";

    [Fact]
    public void A_next_url_in_the_body_is_followed_and_null_ends_the_listing()
    {
        var paginator = new JsonLinkPaginator("meta.next");
        using var page = Pages.Of(Base, """{"meta":{"next":"/v1/items?status=open&page=2"},"results":[{"id":1}]}""", "results");
        using var last = Pages.Of(Base, """{"meta":{"next":null},"results":[]}""", "results");

        Assert.Equal(new Uri(Base), ((IUrlPaginator)paginator).First(new Uri(Base)));
        Assert.Equal("https://api.example.com/v1/items?status=open&page=2", paginator.Next(page));
        Assert.Equal(new Uri("https://api.example.com/v1/items?status=open&page=2"), paginator.Follow(page.Url, paginator.Next(page)!));
        Assert.Null(paginator.Next(last));
    }

    [Fact]
    public void A_cursor_in_the_body_goes_in_its_query_parameter_and_an_empty_one_ends_the_listing()
    {
        IUrlPaginator paginator = new JsonCursorPaginator("meta.next_cursor", "cursor", "per_page", 50);
        using var page = Pages.Of(Base, """{"meta":{"next_cursor":"c2"},"data":[{"id":1}]}""", "data");
        using var last = Pages.Of(Base, """{"meta":{"next_cursor":""},"data":[{"id":1}]}""", "data");

        Assert.Equal(new Uri(Base + "&per_page=50"), paginator.First(new Uri(Base)));
        Assert.Equal("c2", paginator.Next(page));
        Assert.Equal(new Uri(Base + "&cursor=c2"), paginator.Follow(new Uri(Base + "&cursor=c1"), "c2"));
        Assert.Null(paginator.Next(last));
    }

    [Fact]
    public void A_link_header_rel_next_is_followed_until_there_is_none_or_results_says_false()
    {
        const string Next = "https://api.example.com/v1/items?status=open&page=2";
        var paginator = new HeaderLinkPaginator();
        var sentry = new HeaderLinkPaginator("results");
        using var page = Pages.Of(Base, "[]", link: $"<{Next}>; rel=\"next\", <https://api.example.com/v1/items?page=9>; rel=\"last\"");
        using var last = Pages.Of(Base, "[]", link: "<https://api.example.com/v1/items?page=1>; rel=\"first\"");
        using var noResults = Pages.Of(Base, "[]", link: $"<{Next}>; rel=\"next\"; results=\"false\"");

        Assert.Equal(Next, paginator.Next(page));
        Assert.Equal(new Uri(Next), paginator.Follow(page.Url, Next));
        Assert.Null(paginator.Next(last));
        Assert.Equal(Next, paginator.Next(noResults));
        Assert.Null(sentry.Next(noResults));
    }

    [Fact]
    public void An_offset_moves_by_the_records_read_and_a_short_page_ends_the_listing()
    {
        IUrlPaginator paginator = new OffsetPaginator("offset", "limit", 2);
        var first = paginator.First(new Uri(Base));
        using var full = Pages.Of(first.AbsoluteUri, """{"items":[{"id":1},{"id":2}]}""", "items");
        using var later = Pages.Of(Base + "&offset=4&limit=2", """{"items":[{"id":5},{"id":6}]}""", "items");
        using var shortPage = Pages.Of(Base + "&offset=6&limit=2", """{"items":[{"id":7}]}""", "items");

        Assert.Equal(new Uri(Base + "&offset=0&limit=2"), first);
        Assert.Equal("2", paginator.Next(full));
        Assert.Equal("6", paginator.Next(later));
        Assert.Equal(new Uri(Base + "&limit=2&offset=6"), paginator.Follow(later.Url, "6"));
        Assert.Null(paginator.Next(shortPage));
    }

    [Fact]
    public void A_page_number_counts_from_one_and_a_short_page_ends_a_sized_listing()
    {
        IUrlPaginator sized = new PageNumberPaginator("page", "page_size", 2);
        IUrlPaginator unsized = new PageNumberPaginator("p");
        using var full = Pages.Of(Base + "&page=3&page_size=2", """[{"id":1},{"id":2}]""");
        using var shortPage = Pages.Of(Base + "&page=4&page_size=2", """[{"id":1}]""");
        using var unsizedPage = Pages.Of(Base, """[{"id":1}]""");

        Assert.Equal(new Uri(Base + "&page=1&page_size=2"), sized.First(new Uri(Base)));
        Assert.Equal(new Uri(Base + "&p=1"), unsized.First(new Uri(Base)));
        Assert.Equal("4", sized.Next(full));
        Assert.Equal(new Uri(Base + "&page_size=2&page=4"), sized.Follow(full.Url, "4"));
        Assert.Null(sized.Next(shortPage));
        Assert.Equal("2", unsized.Next(unsizedPage));
    }

    [Fact]
    public void Stripe_starts_after_the_last_id_while_has_more()
    {
        var paginator = new StartingAfterPaginator();
        using var page = Pages.Of("https://api.stripe.com/v1/customers?limit=2", """{"object":"list","data":[{"id":"cus_1"},{"id":"cus_2"}],"has_more":true}""", "data");
        using var last = Pages.Of("https://api.stripe.com/v1/customers?limit=2", """{"object":"list","data":[{"id":"cus_3"}],"has_more":false}""", "data");
        using var empty = Pages.Of("https://api.stripe.com/v1/customers?limit=2", """{"object":"list","data":[],"has_more":true}""", "data");

        Assert.Equal("cus_2", paginator.Next(page));
        Assert.Null(paginator.Next(last));
        Assert.Null(paginator.Next(empty));
    }

    [Fact]
    public void Sentry_takes_the_next_links_cursor_while_results_is_true()
    {
        var paginator = new LinkCursorPaginator();
        const string Url = "https://sentry.io/api/0/organizations/acme/issues/";
        using var page = Pages.Of(Url, "[]", link: $"<{Url}?cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", <{Url}?cursor=0:100:0>; rel=\"next\"; results=\"true\"; cursor=\"0:100:0\"");
        using var last = Pages.Of(Url, "[]", link: $"<{Url}?cursor=0:200:0>; rel=\"next\"; results=\"false\"; cursor=\"0:200:0\"");
        using var broken = Pages.Of(Url, "[]", link: $"<{Url}>; rel=\"next\"; results=\"true\"; cursor=\"\"");

        Assert.Equal("0:100:0", paginator.Next(page));
        Assert.Null(paginator.Next(last));
        var error = Assert.Throws<SourceException>(() => paginator.Next(broken));
        Assert.Equal("test.stream: page 1 (GET /api/0/organizations/acme/issues/) says a next page exists but its Link header has no cursor.", error.Message);
    }

    [Fact]
    public void A_relay_connection_continues_after_its_end_cursor_while_it_has_a_next_page()
    {
        var paginator = new RelayPaginator("issues");
        const string Url = "https://api.linear.app/graphql";
        using var page = Pages.Of(Url, """{"data":{"issues":{"nodes":[{"id":"a"}],"pageInfo":{"hasNextPage":true,"endCursor":"e1"}}}}""", "data.issues.nodes");
        using var last = Pages.Of(Url, """{"data":{"issues":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}}""", "data.issues.nodes");
        using var broken = Pages.Of(Url, """{"data":{"issues":{"nodes":[],"pageInfo":{"hasNextPage":true}}}}""", "data.issues.nodes");

        Assert.Equal("e1", paginator.Next(page));
        Assert.Null(paginator.Next(last));
        Assert.Contains("says hasNextPage but has no endCursor", Assert.Throws<SourceException>(() => paginator.Next(broken)).Message);
    }

    [Fact]
    public void A_page_is_served_at_the_vendors_date_to_the_second()
    {
        using var page = Pages.Of(Base, "[]", date: new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero), page.ServedAt);
    }
}
