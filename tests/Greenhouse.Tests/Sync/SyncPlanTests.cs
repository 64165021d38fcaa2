using Greenhouse.Config;
using Greenhouse.Scheduling;
using Greenhouse.Sources;
using Greenhouse.Sync;

namespace Greenhouse.Tests.Sync;

public sealed class SyncPlanTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenhouse-plan-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private GreenhouseConfig Load(string yaml)
    {
        var path = Path.Combine(_directory, ConfigLoader.DefaultFileName);
        File.WriteAllText(path, yaml);
        return new ConfigLoader(BuiltInConnectors.Create(), name => name == "STRIPE_API_KEY" ? "sk_test_plan_123456" : null).Load(path);
    }

    [Fact]
    public void The_plan_names_each_enabled_stream_for_its_source_in_config_order()
    {
        var plan = SyncPlan.For(Load("""
            sources:
              eu:
                type: stripe
                api_key: ${STRIPE_API_KEY}
                streams: [invoices, customers]
              fx:
                type: ecb
            """));

        Assert.Equal(["eu.customers", "eu.invoices", "fx.rates"], plan.Streams.Select(d => d.FullName));
        Assert.Equal("eu_customers", plan.Stream("eu", "customers")!.TableName);
        Assert.Null(plan.Stream("eu", "charges"));
        Assert.Equal("Stripe customers: the people and companies you bill", plan.Stream("eu", "customers")!.Spec.Description);
    }

    [Fact]
    public void A_source_that_cannot_list_its_streams_is_planned_unavailable_and_keeps_its_schedule()
    {
        var config = Load("""
            sources:
              files:
                type: csv
                path: ./gone
                schedule: "15 * * * *"
              fx:
                type: ecb
            """);

        var plan = SyncPlan.For(config);

        var files = plan.Sources[0];
        Assert.Contains("the folder", files.Unavailable, StringComparison.Ordinal);
        Assert.Empty(files.Streams);
        Assert.Equal(["fx.rates"], plan.Streams.Select(d => d.FullName));
        var entry = ScheduleEntries.From(config).Single(e => e.Key == "files");
        Assert.Equal(["files"], entry.Request.Sources);
        Assert.Null(entry.Request.Streams);
    }
}
