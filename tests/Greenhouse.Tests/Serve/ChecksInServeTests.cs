using Greenhouse.Notifications;
using Greenhouse.Serve;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenhouse.Tests.Serve;

/// <summary>serve runs the checks without a schedule of their own after each build, and the others on their own cron.</summary>
public sealed class ChecksInServeTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Checks_run_after_the_build_a_scheduled_sync_starts_and_a_scheduled_check_runs_on_its_own(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var schema = harness.Warehouse.ModelSchema();
        harness.WriteConfig(top: $"transform: {{project: ./transform, schema: {schema}}}");
        var project = Path.Combine(harness.Directory, "transform");
        Transform.Project.ProjectHarness.Write(project, "dbt_project.yml", "name: shop\nmodels:\n  +materialized: table\n");
        Transform.Project.ProjectHarness.Write(project, "models/customer_ids.sql", "select id from {{ source('stripe', 'customers') }}");
        Transform.Project.ProjectHarness.Write(harness.Directory, "checks/customers.yml", """
            checks:
              every_customer:
                description: Lists every customer, so it fails whenever there are any
                sql: select id from {{ ref('customer_ids') }}
                key: id
                severity: warn
              morning_report:
                sql: select 1 as id
                schedule: "0 9 * * *"
            """);
        var config = harness.LoadConfig();
        Assert.Contains(Greenhouse.Scheduling.ScheduleEntries.From(config), e => e.Check == "morning_report" && e.Schedule.Text == "0 9 * * *");
        await using var warehouse = WarehouseFactory.Open(config);
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, NullLogger<NotificationService>.Instance);
        var runner = new ScheduledSyncRunner(config, warehouse, notifications, TimeProvider.System, NullLogger<ScheduledSyncRunner>.Instance);

        await runner.RunAsync(new SyncRequest(Streams: ["stripe.customers"], Trigger: "schedule"), CancellationToken.None);

        var transformRun = (await warehouse.ReadModelRunsAsync()).Single().RunId;
        var check = Assert.Single(await warehouse.ReadCheckRunsAsync());
        Assert.Equal(("every_customer", "warn", transformRun), (check.Check, check.Status, check.RunId));
        Assert.Equal((long)harness.Sandbox.Stripe.Data.Count("customers"), check.FailingRows);

        Assert.Equal(RunStatus.Succeeded, await runner.RunCheckAsync("morning_report", CancellationToken.None));
        var morning = Assert.Single(await warehouse.ReadCheckRunsAsync("morning_report"));
        Assert.Equal(("error", (long?)null), (morning.Status, morning.RunId));
    }
}
