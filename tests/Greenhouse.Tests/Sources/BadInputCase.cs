using Greenhouse.Sandbox;
using Greenhouse.Tests.GitHub;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Rest;

namespace Greenhouse.Tests.Sources;

/// <summary>
/// One vendor's row of the bad-input matrix: the stream it breaks, the path prefix of that stream's page requests
/// (for fault rules), how many records a page holds after <see cref="SmallPages"/>, how many pages to commit before a
/// revocation, and how to reach the fake's faults, its ids and its repeated-record switch.
/// </summary>
internal sealed record BadInputCase(
    SandboxVendor Vendor,
    string Stream,
    string Path,
    int PageSize,
    int PagesBeforeRevocation,
    Func<SandboxServer, FaultInjector> Faults,
    Func<SourceHarness, IEnumerable<string>> Ids,
    Action<SandboxServer> RepeatFirstRecord,
    Action<SandboxServer>? SmallPages = null)
{
    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = new Dictionary<string, BadInputCase>
    {
        ["stripe"] = new(SandboxVendor.Stripe, "invoices", "/v1/invoices", 100, 2,
            s => s.Stripe.Faults, h => h.Sandbox.Stripe.Data.Ids("invoices"), s => s.Stripe.RepeatFirstRecord = true),
        ["github"] = new(SandboxVendor.GitHub, "issues", "/repos/acme/app/issues", 10, 2,
            s => s.GitHub.Faults, h => h.ExpectedIds("issues"), s => s.GitHub.RepeatFirstRecord = true, s => s.GitHub.MaxPerPage = 10),
        ["linear"] = new(SandboxVendor.Linear, "issues", "/graphql/issues", 100, 2,
            s => s.Linear.Faults, h => h.Sandbox.Linear.Data.Ids("issues"), s => s.Linear.RepeatFirstRecord = true),
        ["plain"] = new(SandboxVendor.Plain, "customers", "/graphql/v1/customers", 40, 2,
            s => s.Plain.Faults, h => h.Sandbox.Plain.Data.Ids("customers"), s => s.Plain.RepeatFirstRecord = true),
        ["sentry"] = new(SandboxVendor.Sentry, "issues", "/api/0/organizations/acme/issues/", 100, 1,
            s => s.Sentry.Faults, h => h.Sandbox.Sentry.Data.IssueIds(), s => s.Sentry.RepeatFirstRecord = true),
        ["buttondown"] = new(SandboxVendor.Buttondown, "subscribers", "/v1/subscribers", 10, 2,
            s => s.Buttondown.Faults, h => h.Sandbox.Buttondown.Data.SubscriberIds(), s => s.Buttondown.RepeatFirstRecord = true, s => s.Buttondown.PageSize = 10),
        ["rest"] = new(RestSources.Newsletter, "subscribers", "/v1/subscribers", 10, 2,
            s => s.Buttondown.Faults, h => h.Sandbox.Buttondown.Data.SubscriberIds(), s => s.Buttondown.RepeatFirstRecord = true, s => s.Buttondown.PageSize = 10),
    };

    /// <summary>Only this row's stream.</summary>
    public Greenhouse.Sync.SyncRequest Request => new(Streams: [$"{Vendor.Source}.{Stream}"], Trigger: "test");

    /// <summary>Every row × every warehouse kind.</summary>
    public static TheoryData<string, string> Rows(params string[] vendors)
    {
        var rows = new TheoryData<string, string>();
        foreach (var vendor in vendors.Length == 0 ? All.Keys : vendors)
        {
            foreach (var kind in TestWarehouse.Kinds)
            {
                rows.Add(vendor, kind);
            }
        }

        return rows;
    }

    /// <summary>A harness for this row, its fake paging small.</summary>
    public async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await SourceHarness.StartAsync(Vendor, kind);
        SmallPages?.Invoke(harness.Sandbox);
        return harness;
    }

    /// <summary>The ids the fake holds for the stream.</summary>
    public HashSet<string> Expected(SourceHarness harness) => [.. Ids(harness)];
}
