using Greenhouse.Sandbox;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;

namespace Greenhouse.Tests.Rest;

/// <summary>The connector contract for a declarative REST source paging by Link header: Sentry issues (<see cref="RestSources.Errors"/>).</summary>
public sealed class RestLinkHeaderContractTests : ApiConnectorContract
{
    protected override SandboxVendor Vendor => RestSources.Errors;

    protected override string Stream => "issues";

    protected override string PagePath => "/api/0/organizations/acme/issues/";

    protected override int PageSize => 100;

    protected override int PagesBeforeRevocation => 1;

    protected override string RejectedSecret => "not_a_sentry_token_abcdef";

    protected override IReadOnlyList<string> RejectedKeyWording => ["errors.issues", "sources.errors.auth.token (${GH_TEST_SENTRY_TOKEN})", "401"];

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Sentry;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.Sandbox.Sentry.Data.IssueIds();
}
