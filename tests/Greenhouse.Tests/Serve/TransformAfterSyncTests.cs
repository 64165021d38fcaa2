using Greenhouse.Notifications;
using Greenhouse.Serve;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenhouse.Tests.Serve;

/// <summary>serve builds only the models downstream of the streams a scheduled sync changed, and nothing when it changed nothing.</summary>
public sealed class TransformAfterSyncTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_scheduled_sync_rebuilds_only_what_reads_the_streams_it_changed(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var schema = harness.Warehouse.ModelSchema();
        harness.WriteConfig(top: $"transform: {{project: ./transform, schema: {schema}}}");
        var project = Path.Combine(harness.Directory, "transform");
        Transform.Project.ProjectHarness.Write(project, "dbt_project.yml", "name: shop\nmodels:\n  +materialized: table\n");
        Transform.Project.ProjectHarness.Write(project, "models/customer_count.sql", "select count(*) as customers from {{ source('stripe', 'customers') }}");
        Transform.Project.ProjectHarness.Write(project, "models/price_count.sql", "select count(*) as prices from {{ source('stripe', 'prices') }}");
        Transform.Project.ProjectHarness.Write(project, "models/both.sql", "select * from {{ ref('customer_count') }} cross join {{ ref('price_count') }}");
        var config = harness.LoadConfig();
        await using var warehouse = WarehouseFactory.Open(config);
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, NullLogger<NotificationService>.Instance);
        var runner = new ScheduledSyncRunner(config, warehouse, notifications, TimeProvider.System, NullLogger<ScheduledSyncRunner>.Instance);

        await runner.RunAsync(new SyncRequest(Streams: ["stripe.customers"], Trigger: "schedule"), CancellationToken.None);
        var built = (await warehouse.ReadModelRunsAsync()).Select(r => r.Node).Order(StringComparer.Ordinal).ToList();
        // both reads price_count, which does not exist yet: it fails, and the failure is the notification's business.
        Assert.Equal(["model.shop.both", "model.shop.customer_count"], built);
        Assert.Equal(ModelRunStatus.Succeeded, (await warehouse.ReadModelRunsAsync()).Single(r => r.Node == "model.shop.customer_count").Status);

        await runner.RunAsync(new SyncRequest(Streams: ["stripe.customers"], Trigger: "schedule"), CancellationToken.None);
        Assert.Equal(2, (await warehouse.ReadModelRunsAsync()).Count);

        await runner.RunAsync(new SyncRequest(Streams: ["stripe.prices"], Trigger: "schedule"), CancellationToken.None);
        var runs = await warehouse.ReadModelRunsAsync();
        var latest = runs.Where(r => r.RunId == runs.Max(m => m.RunId)).ToList();
        Assert.Equal(["model.shop.both", "model.shop.price_count"], latest.Select(r => r.Node).Order(StringComparer.Ordinal));
        Assert.All(latest, r => Assert.True(r.Status == ModelRunStatus.Succeeded, $"{r.Node}: {r.Error}"));
    }

    [Fact]
    public async Task The_transforms_own_schedule_builds_every_model()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig(top: "transform: {project: ./transform, schedule: \"15 * * * *\"}");
        Transform.Project.ProjectHarness.Write(Path.Combine(harness.Directory, "transform"), "dbt_project.yml", "name: shop\n");
        Transform.Project.ProjectHarness.Write(Path.Combine(harness.Directory, "transform"), "models/one.sql", "select 1 as one");
        var config = harness.LoadConfig();
        Assert.Contains(Greenhouse.Scheduling.ScheduleEntries.From(config), e => e.IsTransform && e.Schedule.Text == "15 * * * *");
        await using var warehouse = WarehouseFactory.Open(config);
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, NullLogger<NotificationService>.Instance);
        var runner = new ScheduledSyncRunner(config, warehouse, notifications, TimeProvider.System, NullLogger<ScheduledSyncRunner>.Instance);

        Assert.Equal(RunStatus.Succeeded, await runner.RunTransformAsync(CancellationToken.None));
        Assert.Equal("model.shop.one", Assert.Single(await warehouse.ReadModelRunsAsync()).Node);
    }
}
