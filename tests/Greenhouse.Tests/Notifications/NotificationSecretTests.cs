using Greenhouse.Config;
using Greenhouse.Sandbox;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Notifications;

public sealed class NotificationSecretTests
{
    [Fact]
    public async Task The_slack_url_and_bot_token_never_appear_in_logs_even_when_sends_fail()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Telegram("telegram", NotificationLevel.Error));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.Status, StatusCode: 404));
        h.Sandbox.Telegram.Faults.Add(new FaultRule("/bot", FaultKind.Status, StatusCode: 401));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));
        h.Sandbox.Slack.Faults.Add(new FaultRule("/services/", FaultKind.DropConnection, Times: int.MaxValue));
        h.Sandbox.Telegram.Faults.Add(new FaultRule("/bot", FaultKind.Status, Times: int.MaxValue, StatusCode: 500));
        await service.RunFinishedAsync(NotificationHarness.Run(2, NotificationHarness.Failed("stripe.customers")));

        var logs = h.Log.AllText;
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("notifications.slack.url (${SLACK_WEBHOOK_URL}) no longer exists", StringComparison.Ordinal));
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("bot token in notifications.telegram.bot_token (${TELEGRAM_BOT_TOKEN})", StringComparison.Ordinal));
        Assert.DoesNotContain(NotificationHarness.SlackSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/T0001", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.BotToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("TelegramBotSecretToken", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_bot_token_is_refused_by_telegram_and_logged_without_the_token()
    {
        await using var h = await NotificationHarness.StartAsync();
        const string badToken = "not-a-token-SecretValue";
        var channel = h.Telegram("telegram", NotificationLevel.Error) with { BotToken = new Credential(badToken, "notifications.telegram.bot_token", "TELEGRAM_BOT_TOKEN") };
        var service = h.Service(channel);

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Empty(h.Sandbox.Telegram.Messages);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("HTTP 401 Unauthorized. Telegram refused the bot token", StringComparison.Ordinal));
        Assert.DoesNotContain(badToken, h.Log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_secret_inside_a_stream_error_is_redacted_from_messages()
    {
        await using var h = await NotificationHarness.StartAsync();
        const string key = "sk_test_leaky_key_0123456789";
        Secrets.Register(key);
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Webhook("hook", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers", $"proxy echoed Authorization: Bearer {key}")));

        Assert.DoesNotContain(key, Assert.Single(h.Sandbox.Slack.Messages).Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, Assert.Single(h.Sandbox.Hooks.Deliveries).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(key, (await h.Store.ReadAlertsAsync())["failing:stripe.customers"].Detail, StringComparison.Ordinal);
    }
}
