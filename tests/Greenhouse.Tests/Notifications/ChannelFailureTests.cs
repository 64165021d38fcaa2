using System.Diagnostics;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sandbox;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Notifications;

public sealed class ChannelFailureTests
{
    [Fact]
    public async Task A_channel_that_fails_once_with_500_is_retried_and_delivers()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("alerts", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.Status, StatusCode: 500));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Single(h.Sandbox.Slack.Messages);
        Assert.Equal(2, h.Sandbox.Slack.Requests);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("retrying", StringComparison.Ordinal) && e.Text.Contains("HTTP 500 rollup_error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_that_always_fails_is_logged_without_throwing_and_other_channels_still_get_theirs()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Telegram("telegram", NotificationLevel.Error), h.Webhook("hook", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.Status, Times: int.MaxValue, StatusCode: 500));
        h.Sandbox.Hooks.Faults.Add(new FaultRule("/", FaultKind.DropConnection, Times: int.MaxValue));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Empty(h.Sandbox.Slack.Messages);
        Assert.Equal(3, h.Sandbox.Slack.Requests);
        Assert.Equal(3, h.Sandbox.Hooks.Requests);
        Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning
            && e.Text.Contains("slack channel 'slack' after 3 attempt(s): HTTP 500 rollup_error", StringComparison.Ordinal));
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("webhook channel 'hook' after 3 attempt(s)", StringComparison.Ordinal));
        Assert.Equal(h.Clock.GetUtcNow(), (await h.Store.ReadAlertsAsync())["failing:stripe.customers"].LastNotifiedAt);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_logged()
    {
        await using var h = await NotificationHarness.StartAsync();
        var closed = new NotificationChannelConfig(
            "down", "webhook", new HashSet<NotificationLevel> { NotificationLevel.Error }, new Credential("http://127.0.0.1:1/hook", "notifications.down.url", "DOWN_URL"), null, null, null);
        var service = h.Service(closed, h.Slack("slack", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Single(h.Sandbox.Slack.Messages);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("webhook channel 'down' after 3 attempt(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_429_waits_for_retry_after_then_delivers()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("alerts", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.RateLimit, RetryAfterSeconds: 1));

        var watch = Stopwatch.StartNew();
        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Single(h.Sandbox.Slack.Messages);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("HTTP 429 rate_limited); retrying in 1000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Telegram_429_waits_for_parameters_retry_after_then_delivers()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Telegram("alerts", NotificationLevel.Error));
        h.Sandbox.Telegram.Faults.Add(new FaultRule("/bot", FaultKind.RateLimit, RetryAfterSeconds: 1));

        var watch = Stopwatch.StartNew();
        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.True(h.Sandbox.Telegram.Messages.Count == 1, h.Log.AllText);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before retry_after");
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("Too Many Requests: retry after 1); retrying in 1000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_message_is_not_retried_and_the_log_says_what_to_fix()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Telegram("alerts", NotificationLevel.Error));
        h.Sandbox.Telegram.Faults.Add(new FaultRule("/bot", FaultKind.Status, StatusCode: 400));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Equal(1, h.Sandbox.Telegram.Requests);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning
            && e.Text.Contains("HTTP 400 Bad Request: chat not found. Check notifications.alerts.chat_id (-1001234)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_warehouse_is_logged_and_never_thrown_into_the_run()
    {
        await using var h = await NotificationHarness.StartAsync();
        var config = NotificationHarness.Config([h.Slack("alerts", NotificationLevel.Error)]) with { };
        var missing = Greenhouse.Warehouse.WarehouseFactory.Open("sqlite:/nonexistent-dir-for-test/x.db", "raw");
        await using (missing)
        {
            using var service = new NotificationService(config, missing, h.Clock, h.Log, NotificationHarness.FastRetries);

            await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
            await service.CheckFreshnessAsync();
        }

        Assert.Equal(2, h.Log.Entries.Count(e => e.Level == LogLevel.Error && e.Text.Contains("failed and was skipped", StringComparison.Ordinal)));
    }
}
