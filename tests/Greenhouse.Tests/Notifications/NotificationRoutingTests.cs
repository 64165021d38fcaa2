using System.Text.Json;
using Greenhouse.Config;

namespace Greenhouse.Tests.Notifications;

public sealed class NotificationRoutingTests
{
    [Fact]
    public async Task Errors_go_to_one_channel_and_warnings_to_another()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("errors", NotificationLevel.Error), h.Telegram("warnings", NotificationLevel.Warn));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers"), NotificationHarness.Succeeded("stripe.charges", warnings: 3)));

        var error = Assert.Single(h.Sandbox.Slack.Messages);
        Assert.Contains("stripe.customers", error.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("did not fit", error.AllText, StringComparison.Ordinal);
        var warning = Assert.Single(h.Sandbox.Telegram.Messages);
        Assert.Contains("3 value(s) did not fit their column in stripe.charges", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe.customers", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_succeeded_run_is_sent_only_to_channels_that_opt_in_to_success()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("errors", NotificationLevel.Error, NotificationLevel.Warn), h.Webhook("everything", NotificationLevel.Error, NotificationLevel.Warn, NotificationLevel.Success));

        await service.RunFinishedAsync(NotificationHarness.Run(9, NotificationHarness.Succeeded("stripe.customers"), NotificationHarness.Succeeded("stripe.charges")));

        Assert.Empty(h.Sandbox.Slack.Messages);
        var delivery = Assert.Single(h.Sandbox.Hooks.Deliveries);
        Assert.Equal("/greenhouse/everything", delivery.Path);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("success", body.GetProperty("level").GetString());
        Assert.Equal("succeeded", body.GetProperty("kind").GetString());
        Assert.Equal("stripe", body.GetProperty("source").GetString());
        Assert.Equal(9, body.GetProperty("run_id").GetInt64());
        var streams = body.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["stripe.customers", "stripe.charges"], streams.Select(s => s.GetProperty("stream").GetString()));
        Assert.Equal(12, streams[0].GetProperty("new").GetInt32());
        Assert.Equal(300, streams[0].GetProperty("unchanged").GetInt32());
        Assert.Contains("Sync of stripe succeeded: 2 stream(s) in 7 s", body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_message_names_source_stream_counts_duration_error_and_what_to_do()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Telegram("telegram", NotificationLevel.Error), h.Webhook("hook", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(3, NotificationHarness.Failed("stripe.customers")));

        var slack = Assert.Single(h.Sandbox.Slack.Messages);
        var telegram = Assert.Single(h.Sandbox.Telegram.Messages);
        var hook = JsonDocument.Parse(Assert.Single(h.Sandbox.Hooks.Deliveries).Body).RootElement;
        foreach (var text in new[] { slack.AllText, telegram.Text, hook.GetProperty("text").GetString()! })
        {
            Assert.Contains("stripe.customers", text, StringComparison.Ordinal);
            Assert.Contains("run 3", text, StringComparison.Ordinal);
            Assert.Contains("after 4.2 s, 120 new, 3 updated, 7 unchanged, 0 deleted", text, StringComparison.Ordinal);
            Assert.Contains("Invalid API Key provided", text, StringComparison.Ordinal);
            Assert.Contains("What to do: the vendor refused the credential. Check sources.stripe.api_key (${STRIPE_API_KEY})", text, StringComparison.Ordinal);
        }

        Assert.Equal("❌ stripe.customers failed (run 3)", slack.Text);
        Assert.Equal("HTML", telegram.ParseMode);
        Assert.Equal(NotificationHarness.ChatId, telegram.ChatId);
        Assert.StartsWith("<b>❌ stripe.customers failed (run 3)</b>\n", telegram.Text, StringComparison.Ordinal);
        Assert.Equal("error", hook.GetProperty("level").GetString());
        Assert.Equal("failing", hook.GetProperty("kind").GetString());
        var stream = Assert.Single(hook.GetProperty("streams").EnumerateArray().ToList());
        Assert.Equal("failing", stream.GetProperty("status").GetString());
        Assert.Equal(4.2, stream.GetProperty("seconds").GetDouble());
        Assert.Contains("HTTP 401", stream.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_and_telegram_text_is_escaped_for_their_markup()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service(h.Slack("slack", NotificationLevel.Error), h.Telegram("telegram", NotificationLevel.Error));

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers", "proxy said <html>502 & gone</html>")));

        Assert.Contains("proxy said &lt;html&gt;502 &amp; gone&lt;/html&gt;", Assert.Single(h.Sandbox.Slack.Messages).AllText, StringComparison.Ordinal);
        Assert.Contains("proxy said &lt;html&gt;502 &amp; gone&lt;/html&gt;", Assert.Single(h.Sandbox.Telegram.Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_channels_means_no_messages_and_no_errors()
    {
        await using var h = await NotificationHarness.StartAsync();
        var service = h.Service();

        await service.RunFinishedAsync(NotificationHarness.Run(1, NotificationHarness.Failed("stripe.customers")));

        Assert.Equal(0, h.Sandbox.Slack.Requests + h.Sandbox.Telegram.Requests + h.Sandbox.Hooks.Requests);
        Assert.DoesNotContain(h.Log.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }
}
