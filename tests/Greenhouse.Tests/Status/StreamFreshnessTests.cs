using Greenhouse.Status;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Status;

/// <summary>The one freshness check: stale for status (never succeeded counts), overdue for alerts (counted from the first run).</summary>
public sealed class StreamFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly FreshnessPolicy TwoHours = new(TimeSpan.FromHours(2), null);

    [Fact]
    public void A_stream_that_succeeded_within_its_limit_is_fresh()
    {
        var freshness = StreamFreshness.Of("stripe.customers", TwoHours, [Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-1))], Now);

        Assert.Equal("stripe.customers", freshness.Stream);
        Assert.Equal(TimeSpan.FromHours(1), freshness.Staleness);
        Assert.False(freshness.Stale);
        Assert.False(freshness.Overdue);
    }

    [Fact]
    public void A_stream_past_its_limit_is_stale_and_overdue()
    {
        var runs = new[] { Run("stripe.customers", RunStatus.Failed, Now.AddHours(-1)), Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-3)) };

        var freshness = StreamFreshness.Of("stripe.customers", TwoHours, runs, Now);

        Assert.Equal(Now.AddHours(-3), freshness.LastSuccess);
        Assert.True(freshness.Stale);
        Assert.True(freshness.Overdue);
    }

    [Fact]
    public void A_stream_that_never_succeeded_is_stale_at_once_but_overdue_only_a_limit_after_its_first_run()
    {
        var young = StreamFreshness.Of("stripe.customers", TwoHours, [Run("stripe.customers", RunStatus.Failed, Now.AddHours(-1))], Now);
        var old = StreamFreshness.Of("stripe.customers", TwoHours, [Run("stripe.customers", RunStatus.Failed, Now.AddHours(-3))], Now);
        var never = StreamFreshness.Of("stripe.customers", TwoHours, [Run("stripe.charges", RunStatus.Succeeded, Now)], Now);

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
        var freshness = StreamFreshness.Of("stripe.customers", FreshnessPolicy.None, [], Now);

        Assert.Null(freshness.MaxStaleness);
        Assert.False(freshness.Stale);
        Assert.False(freshness.Overdue);
    }

    [Fact]
    public void A_stream_past_error_after_is_at_error_and_an_alert_counts_from_its_first_run()
    {
        var policy = new FreshnessPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
        var warn = StreamFreshness.Of("stripe.customers", policy, [Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-2))], Now);
        var error = StreamFreshness.Of("stripe.customers", policy, [Run("stripe.customers", RunStatus.Succeeded, Now.AddHours(-4))], Now);
        var failing = StreamFreshness.Of("stripe.customers", policy, [Run("stripe.customers", RunStatus.Failed, Now.AddHours(-2))], Now);

        Assert.Equal((FreshnessLevel.Warn, FreshnessLevel.Warn), (warn.Level, warn.AlertLevel));
        Assert.Equal((FreshnessLevel.Error, FreshnessLevel.Error), (error.Level, error.AlertLevel));
        Assert.Equal((FreshnessLevel.Error, FreshnessLevel.Warn), (failing.Level, failing.AlertLevel));
        Assert.Equal(TimeSpan.FromHours(1), error.MaxStaleness);
    }

    private static StreamRunRecord Run(string stream, RunStatus status, DateTimeOffset finished) =>
        new(1, stream, "incremental", status, 0, 0, 0, 0, 0, 1, finished.AddMinutes(-1), finished, 60, null);
}
