using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Notifications;

public sealed class FailingAlertTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stream_that_starts_failing_sends_one_error_message(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var service = h.Service(h.Slack("alerts", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        var message = Assert.Single(h.Sandbox.Slack.Messages);
        Assert.Contains("stripe.customers", message.Text, StringComparison.Ordinal);
        Assert.Contains("failed", message.Text, StringComparison.Ordinal);
        var alert = Assert.Single(await h.Store.ReadAlertsAsync()).Value;
        Assert.Equal("failing:stripe.customers", alert.Key);
        Assert.Equal(h.Clock.GetUtcNow(), alert.Since);
        Assert.Equal(h.Clock.GetUtcNow(), alert.LastNotifiedAt);
        Assert.Contains("HTTP 401", alert.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stream_that_keeps_failing_is_silent_until_remind_every_passes_then_reminded_once(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var service = h.Service(NotificationHarness.Config([h.Slack("alerts", NotificationLevel.Error)], remindEvery: TimeSpan.FromHours(6)));
        var started = h.Clock.GetUtcNow();

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        for (var run = 2; run <= 6; run++)
        {
            h.Clock.Advance(TimeSpan.FromHours(1));
            await service.RunFinishedAsync(NotificationHarness.Run(run, NotificationHarness.Failed("stripe.customers", $"stripe: error of run {run}")));
        }

        Assert.Single(h.Sandbox.Slack.Messages);
        Assert.Equal("stripe: error of run 6", (await h.Store.ReadAlertsAsync())["failing:stripe.customers"].Detail);

        h.Clock.Advance(TimeSpan.FromHours(1));
        await service.RunFinishedAsync(NotificationHarness.Run(7, NotificationHarness.Failed("stripe.customers")));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await service.RunFinishedAsync(NotificationHarness.Run(8, NotificationHarness.Failed("stripe.customers")));

        Assert.Equal(2, h.Sandbox.Slack.Messages.Count);
        var reminder = h.Sandbox.Slack.Messages[1].AllText;
        Assert.Contains("still failing", reminder, StringComparison.Ordinal);
        Assert.Contains("since 2025-06-15 12:00 UTC (6 h)", reminder, StringComparison.Ordinal);
        var alert = (await h.Store.ReadAlertsAsync())["failing:stripe.customers"];
        Assert.Equal(started, alert.Since);
        Assert.Equal(started.AddHours(6), alert.LastNotifiedAt);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_failing_stream_that_succeeds_again_sends_one_recovery_message_and_clears_the_alert(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var service = h.Service(h.Slack("errors", NotificationLevel.Error), h.Telegram("warnings", NotificationLevel.Warn));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        await service.RunFinishedAsync(NotificationHarness.Run(2, NotificationHarness.Succeeded("stripe.customers")));
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await service.RunFinishedAsync(NotificationHarness.Run(3, NotificationHarness.Succeeded("stripe.customers")));

        Assert.Equal(2, h.Sandbox.Slack.Messages.Count);
        var recovery = h.Sandbox.Slack.Messages[1].AllText;
        Assert.Contains("stripe.customers recovered", recovery, StringComparison.Ordinal);
        Assert.Contains("failing for 1 h 30 min", recovery, StringComparison.Ordinal);
        Assert.Empty(h.Sandbox.Telegram.Messages);
        Assert.Empty(await h.Store.ReadAlertsAsync());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Alert_state_survives_a_restart_so_a_new_process_stays_silent(string kind)
    {
        await using var h = await NotificationHarness.StartAsync(kind);
        var channels = new[] { h.Slack("alerts", NotificationLevel.Error) };

        await h.Service(channels).RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Service(channels).RunFinishedAsync(NotificationHarness.Run(2, NotificationHarness.Failed("stripe.customers")));

        Assert.Single(h.Sandbox.Slack.Messages);
    }

    [Fact]
    public async Task One_runs_failures_are_one_message_per_channel()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Telegram("telegram", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(
            4, NotificationHarness.Failed("stripe.customers"), NotificationHarness.Failed("stripe.charges"), NotificationHarness.Succeeded("stripe.invoices")));

        var slack = Assert.Single(h.Sandbox.Slack.Messages);
        var telegram = Assert.Single(h.Sandbox.Telegram.Messages);
        foreach (var text in new[] { slack.AllText, telegram.Text })
        {
            Assert.Contains("2 streams failed: stripe.customers, stripe.charges", text, StringComparison.Ordinal);
            Assert.DoesNotContain("stripe.invoices", text, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await h.Store.ReadAlertsAsync()).Count);
    }

    [Fact]
    public async Task A_failure_no_channel_could_hear_is_sent_again_on_the_next_run()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("alerts", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.Status, Times: 3, StatusCode: 500));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        Assert.Empty(h.Sandbox.Slack.Messages);
        Assert.Null((await h.Store.ReadAlertsAsync())["failing:stripe.customers"].LastNotifiedAt);

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await service.RunFinishedAsync(NotificationHarness.Run(2, NotificationHarness.Failed("stripe.customers")));

        var message = Assert.Single(h.Sandbox.Slack.Messages);
        Assert.DoesNotContain("still failing", message.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_is_not_announced_when_the_failure_never_reached_anyone()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("alerts", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.Status, Times: 3, StatusCode: 500));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        await service.RunFinishedAsync(NotificationHarness.Run(2, NotificationHarness.Succeeded("stripe.customers")));

        Assert.Empty(h.Sandbox.Slack.Messages);
        Assert.Empty(await h.Store.ReadAlertsAsync());
    }
}
