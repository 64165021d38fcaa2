using System.Net.Http.Json;
using Greenhouse.Config;

namespace Greenhouse.Notifications;

/// <summary>A generic webhook: POST the documented <see cref="WebhookPayload"/> JSON to the URL; any 2xx is delivered.</summary>
internal sealed class WebhookChannel(NotificationChannelConfig config) : NotificationChannel(config)
{
    public override HttpRequestMessage CreateRequest(Notification notification)
    {
        var url = Config.Url ?? throw new ConfigException($"notifications.{Config.Name}.url: required for a webhook channel");
        var payload = new WebhookPayload(
            notification.Level.ToString().ToLowerInvariant(),
            notification.Kind,
            notification.Title,
            notification.PlainText,
            string.Join(",", notification.Sources),
            notification.Sources,
            notification.Streams,
            notification.RunId,
            notification.At);
        return new HttpRequestMessage(HttpMethod.Post, url.Value)
        {
            Content = JsonContent.Create(payload, NotificationJson.Default.WebhookPayload),
        };
    }
}
