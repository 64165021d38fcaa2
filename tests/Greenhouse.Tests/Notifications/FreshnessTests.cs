using Greenhouse.Config;
using Greenhouse.Status;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Notifications;

public sealed class FreshnessTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stream_crossing_its_max_staleness_raises_one_warn_that_is_not_repeated(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var service = h.Service(NotificationHarness.Config(
            [h.Slack("errors", NotificationLevel.Error), h.Telegram("warnings", NotificationLevel.Warn)], maxStaleness: TimeSpan.FromHours(2), remindEvery: TimeSpan.FromHours(6)));
        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);
        await h.RecordRunAsync("stripe.charges", RunStatus.Succeeded);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await service.CheckFreshnessAsync();
        Assert.Empty(h.Sandbox.Telegram.Messages);

        await h.RecordRunAsync("stripe.charges", RunStatus.Succeeded);
        h.Clock.Advance(TimeSpan.FromHours(1.5));
        await service.CheckFreshnessAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        await service.CheckFreshnessAsync();
        await h.RecordRunAsync("stripe.charges", RunStatus.Succeeded);
        h.Clock.Advance(TimeSpan.FromHours(1));
        await service.CheckFreshnessAsync();

        var warn = Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Contains("stripe.customers is stale", warn.Text, StringComparison.Ordinal);
        Assert.Contains("last successful sync 2025-06-15 12:00 UTC, 2 h 30 min ago; max_staleness is 2 h", warn.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe.charges", warn.Text, StringComparison.Ordinal);
        Assert.Empty(h.Sandbox.Slack.Messages);
        Assert.Equal("stale", (await h.Store.ReadAlertsAsync())["stale:stripe.customers"].Status);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stale_stream_is_reminded_after_remind_every_and_clears_once_fresh(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var service = h.Service(NotificationHarness.Config(
            [h.Telegram("warnings", NotificationLevel.Warn)], maxStaleness: TimeSpan.FromHours(2), remindEvery: TimeSpan.FromHours(6)));
        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);
        await h.RecordRunAsync("stripe.charges", RunStatus.Succeeded);

        h.Clock.Advance(TimeSpan.FromHours(3));
        await service.CheckFreshnessAsync();
        Assert.Contains("2 streams are stale: stripe.customers, stripe.charges", Assert.Single(h.Sandbox.Telegram.Messages).Text, StringComparison.Ordinal);

        h.Clock.Advance(TimeSpan.FromHours(6));
        await service.CheckFreshnessAsync();
        Assert.Equal(2, h.Sandbox.Telegram.Messages.Count);
        Assert.Contains("Still stale", h.Sandbox.Telegram.Messages[1].Text, StringComparison.Ordinal);

        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);
        await h.RecordRunAsync("stripe.charges", RunStatus.Failed);
        await service.CheckFreshnessAsync();

        Assert.Equal(3, h.Sandbox.Telegram.Messages.Count);
        Assert.Contains("stripe.customers is fresh again", h.Sandbox.Telegram.Messages[2].Text, StringComparison.Ordinal);
        Assert.Equal(["stale:stripe.charges"], (await h.Store.ReadAlertsAsync()).Keys);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Streams_without_max_staleness_or_without_any_run_are_never_stale(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var noLimit = h.Service(NotificationHarness.Config([h.Telegram("warnings", NotificationLevel.Warn)]));
        var withLimit = h.Service(NotificationHarness.Config([h.Telegram("warnings", NotificationLevel.Warn)], maxStaleness: TimeSpan.FromHours(1)));
        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);

        h.Clock.Advance(TimeSpan.FromDays(3));
        await noLimit.CheckFreshnessAsync();
        Assert.Empty(h.Sandbox.Telegram.Messages);

        await withLimit.CheckFreshnessAsync();
        var warn = Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Contains("stripe.customers", warn.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe.charges", warn.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_never_succeeded_is_stale_counted_from_its_first_run()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(NotificationHarness.Config([h.Telegram("warnings", NotificationLevel.Warn)], maxStaleness: TimeSpan.FromHours(1)));
        await h.RecordRunAsync("stripe.customers", RunStatus.Failed);
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        await h.RecordRunAsync("stripe.customers", RunStatus.Failed);

        await service.CheckFreshnessAsync();

        Assert.Contains("no successful sync since runs began 2025-06-15 12:00 UTC", Assert.Single(h.Sandbox.Telegram.Messages).Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stream_past_warn_after_warns_past_error_after_errors_once_and_its_recovery_goes_where_the_error_went(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var config = NotificationHarness.Config([h.Slack("errors", NotificationLevel.Error), h.Telegram("warnings", NotificationLevel.Warn)], remindEvery: TimeSpan.FromHours(12));
        config = config with { Sources = [config.Sources[0] with { Freshness = new FreshnessPolicy(TimeSpan.FromHours(2), TimeSpan.FromHours(6), "models/sources.yml: source 'stripe' table 'customers'") }] };
        var service = h.Service(config);
        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);
        await h.RecordRunAsync("stripe.charges", RunStatus.Succeeded);

        h.Clock.Advance(TimeSpan.FromHours(3));
        await service.CheckFreshnessAsync();
        var warn = Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Contains("warn_after is 2 h (set in models/sources.yml: source 'stripe' table 'customers')", warn.Text, StringComparison.Ordinal);
        Assert.Empty(h.Sandbox.Slack.Messages);

        h.Clock.Advance(TimeSpan.FromHours(4));
        await service.CheckFreshnessAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        await service.CheckFreshnessAsync();
        var error = Assert.Single(h.Sandbox.Slack.Messages).AllText;
        Assert.Contains("2 streams are past their error_after: stripe.customers, stripe.charges", error, StringComparison.Ordinal);
        Assert.Contains("error_after is 6 h", error, StringComparison.Ordinal);
        Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Equal("stale_error", (await h.Store.ReadAlertsAsync())["stale:stripe.customers"].Status);

        await h.RecordRunAsync("stripe.customers", RunStatus.Succeeded);
        await service.CheckFreshnessAsync();
        Assert.Equal(2, h.Sandbox.Slack.Messages.Count);
        Assert.Contains("stripe.customers is fresh again", h.Sandbox.Slack.Messages[1].AllText, StringComparison.Ordinal);
        Assert.Single(h.Sandbox.Telegram.Messages);
    }
}
