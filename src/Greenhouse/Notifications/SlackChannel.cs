using System.Net.Http.Json;
using Greenhouse.Config;

namespace Greenhouse.Notifications;

/// <summary>A Slack incoming webhook: POST <c>{"text":…,"blocks":[…]}</c> to the URL (itself the credential); success is 200 <c>ok</c>.</summary>
internal sealed class SlackChannel(NotificationChannelConfig config) : NotificationChannel(config)
{
    /// <summary>Slack refuses a section text longer than this.</summary>
    private const int MaxSectionLength = 3000;

    public override HttpRequestMessage CreateRequest(Notification notification)
    {
        var url = Config.Url ?? throw new ConfigException($"notifications.{Config.Name}.url: required for a slack channel");
        var text = $"*{Escape(notification.Title)}*\n{Escape(string.Join("\n", notification.Lines))}";
        if (text.Length > MaxSectionLength)
        {
            text = text[..(MaxSectionLength - 1)] + "…";
        }

        var payload = new SlackPayload(notification.Title, [new SlackBlock("section", new SlackText("mrkdwn", text))]);
        return new HttpRequestMessage(HttpMethod.Post, url.Value)
        {
            Content = JsonContent.Create(payload, NotificationJson.Default.SlackPayload),
        };
    }

    /// <summary>Slack's mrkdwn control characters.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
