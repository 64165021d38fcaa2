using Greenhouse.Sandbox;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

public sealed class RevokedCredentialTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_key_revoked_mid_run_keeps_what_was_committed_and_does_not_advance_the_cursor(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [invoices]");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/invoices", FaultKind.Status, OnRequest: 3, Times: int.MaxValue, StatusCode: 401));

        var summary = await harness.SyncAsync();

        var invoices = summary.Streams.Single();
        Assert.Equal(RunStatus.Failed, invoices.Status);
        Assert.Equal(2, invoices.Pages);
        Assert.Contains("${GH_TEST_STRIPE_KEY}", invoices.Error);
        Assert.DoesNotContain(harness.Secret, invoices.Error);
        Assert.Equal(200, (await harness.LiveIdsAsync("invoices")).Count);
        var state = await harness.StateAsync("invoices");
        Assert.NotNull(state);
        Assert.Null(state["cursor"]);

        harness.Sandbox.Stripe.Faults.Clear();
        var rerun = await harness.SyncAsync();
        Assert.True(rerun.Streams.Single().Resumed);
        Assert.Equal(harness.Sandbox.Stripe.Data.Ids("invoices").ToHashSet(), await harness.LiveIdsAsync("invoices"));
    }
}
