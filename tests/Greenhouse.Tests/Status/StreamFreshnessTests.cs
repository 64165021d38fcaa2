using Greenhouse.Config;
using Greenhouse.Status;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Status;

/// <summary>The one freshness check: stale for status (never succeeded counts), overdue for alerts (counted from the first run).</summary>
public sealed class StreamFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SourceConfig Stripe = new(
        "stripe", "stripe", null, TimeSpan.FromHours(1), TimeSpan.FromDays(7), false, null, null, null, 3, TimeSpan.FromSeconds(1),
        new Dictionary<string, string>(), new Dictionary<string, Credential>())
    {
        MaxStaleness = TimeSpan.FromHours(2),
    };

    [Fact]
    public void A_stream_that_succeeded_within_its_limit_is_fresh()
    {
        var freshness = StreamFreshness.Of(Stripe, "customers", [Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-1))], Now);

        Assert.Equal("stripe.customers", freshness.Stream);
        Assert.Equal(TimeSpan.FromHours(1), freshness.Staleness);
        Assert.False(freshness.Stale);
        Assert.False(freshness.Overdue);
    }

    [Fact]
    public void A_stream_past_its_limit_is_stale_and_overdue()
    {
        var runs = new[] { Run("stripe.customers", RunStatus.Failed, Now.AddHours(-1)), Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-3)) };

        var freshness = StreamFreshness.Of(Stripe, "customers", runs, Now);

        Assert.Equal(Now.AddHours(-3), freshness.LastSuccess);
        Assert.True(freshness.Stale);
        Assert.True(freshness.Overdue);
    }

    [Fact]
    public void A_stream_that_never_succeeded_is_stale_at_once_but_overdue_only_a_limit_after_its_first_run()
    {
        var young = StreamFreshness.Of(Stripe, "customers", [Run("stripe.customers", RunStatus.Failed, Now.AddHours(-1))], Now);
        var old = StreamFreshness.Of(Stripe, "customers", [Run("stripe.customers", RunStatus.Failed, Now.AddHours(-3))], Now);
        var never = StreamFreshness.Of(Stripe, "customers", [Run("stripe.charges", RunStatus.Succeeded, Now)], Now);

        Assert.True(young.Stale);
        Assert.False(young.Overdue);
        Assert.Equal(Now.AddHours(-1).AddMinutes(-1), young.Since);
        Assert.True(old.Overdue);
        Assert.True(never.Stale);
        Assert.Null(never.Since);
        Assert.False(never.Overdue);
    }

    [Fact]
    public void A_stream_without_a_limit_is_never_stale()
    {
        var freshness = StreamFreshness.Of(Stripe with { MaxStaleness = null }, "customers", [], Now);

        Assert.Null(freshness.MaxStaleness);
        Assert.False(freshness.Stale);
        Assert.False(freshness.Overdue);
    }

    private static StreamRunRecord Run(string stream, RunStatus status, DateTimeOffset finished) =>
        new(1, stream, "incremental", status, 0, 0, 0, 0, 0, 1, finished.AddMinutes(-1), finished, 60, null);
}
