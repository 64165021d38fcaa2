using Greenhouse.Sandbox;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;

namespace Greenhouse.Tests.Rest;

/// <summary>
/// The connector contract for a declarative REST source paging by next URL: Buttondown subscribers
/// (<see cref="RestSources.Newsletter"/>), ten to a page.
/// </summary>
public sealed class RestNextUrlContractTests : ApiConnectorContract
{
    protected override SandboxVendor Vendor => RestSources.Newsletter;

    protected override string Stream => "subscribers";

    protected override string PagePath => "/v1/subscribers";

    protected override int PageSize => 10;

    protected override string RejectedSecret => "definitely-wrong-key-4242";

    protected override IReadOnlyList<string> RejectedKeyWording => ["newsletter.subscribers", "sources.newsletter.auth.value (${GH_TEST_BUTTONDOWN_KEY})", "401"];

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Buttondown;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.Sandbox.Buttondown.Data.SubscriberIds();

    protected override async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await base.StartAsync(kind);
        harness.Sandbox.Buttondown.PageSize = PageSize;
        return harness;
    }
}
