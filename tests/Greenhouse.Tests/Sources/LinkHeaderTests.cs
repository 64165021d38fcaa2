using Greenhouse.Sources.Http;

namespace Greenhouse.Tests.Sources;

public sealed class LinkHeaderTests
{
    [Fact]
    public void GitHub_next_and_last_are_found()
    {
        var link = LinkHeader.Parse(["<https://api.github.com/repositories/1/issues?per_page=2&page=2>; rel=\"next\", <https://api.github.com/repositories/1/issues?per_page=2&page=9>; rel=\"last\""]);

        Assert.Equal(new Uri("https://api.github.com/repositories/1/issues?per_page=2&page=2"), link.Rel("next"));
        Assert.Equal(new Uri("https://api.github.com/repositories/1/issues?per_page=2&page=9"), link.Rel("last"));
        Assert.Null(link.Rel("prev"));
    }

    [Fact]
    public void Sentry_results_and_cursor_parameters_are_read()
    {
        var link = LinkHeader.Parse(["<https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", <https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:100:0>; rel=\"next\"; results=\"true\"; cursor=\"0:100:0\""]);

        Assert.Equal("true", link.Parameter("next", "results"));
        Assert.Equal("0:100:0", link.Parameter("next", "cursor"));
        Assert.Equal("false", link.Parameter("previous", "results"));
    }

    [Fact]
    public void No_header_has_no_links()
    {
        Assert.Null(LinkHeader.Parse(null).Rel("next"));
    }
}
