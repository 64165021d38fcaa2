using Greenhouse.Sandbox;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

public sealed class KilledRunTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_killed_sync_process_resumes_from_its_last_checkpoint_and_converges(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/invoices", FaultKind.Slow, Times: int.MaxValue, Delay: TimeSpan.FromMilliseconds(200)));

        using (var process = Infrastructure.Cli.Start(harness.Directory, harness.Environment, "sync"))
        {
            await using var warehouse = harness.Warehouse.Open();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (process.HasExited)
                {
                    Assert.Fail("the sync finished before it could be killed: " + await process.StandardError.ReadToEndAsync());
                }

                Assert.True(DateTime.UtcNow < deadline, "the sync never committed two pages of invoices");
                var runs = await TryReadRunsAsync(warehouse);
                if (runs.Any(r => r.Stream == "stripe.invoices" && r.Pages >= 2))
                {
                    break;
                }

                await Task.Delay(50);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        harness.Sandbox.Stripe.Faults.Clear();
        var rerun = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.DoesNotContain(rerun.Streams, s => s.Stream is "stripe.customers" or "stripe.products" && s.Mode == Greenhouse.Sources.SyncMode.FullRefresh);
        var invoices = rerun.Streams.Single(s => s.Stream == "stripe.invoices");
        Assert.True(invoices.Resumed, "the rerun should continue the killed run's listing");
        Assert.Equal(0, invoices.Counts.Updated);
        foreach (var resource in StripeResources.All)
        {
            var expected = harness.Sandbox.Stripe.Data.Ids(resource).ToHashSet();
            Assert.True(expected.SetEquals(await harness.LiveIdsAsync(resource)), resource);
        }

        await using var check = harness.Warehouse.Open();
        var all = await check.ReadStreamRunsAsync();
        Assert.Contains(all, r => r.RunId != rerun.RunId && r.Stream == "stripe.invoices" && r.Status == RunStatus.Interrupted);
    }

    private static async Task<IReadOnlyList<StreamRunRecord>> TryReadRunsAsync(IWarehouse warehouse)
    {
        try
        {
            return await warehouse.ReadStreamRunsAsync();
        }
        catch (Exception e) when (e is WarehouseException or System.Data.Common.DbException)
        {
            // The child may not have created the metadata tables yet.
            return [];
        }
    }
}
