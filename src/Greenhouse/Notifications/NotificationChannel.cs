using System.Net;
using System.Net.Http.Headers;
using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Notifications;

/// <summary>
/// One configured channel: turns a <see cref="Notification"/> into an HTTP request and reads the answer.
/// Its URL or token is a credential: <see cref="Redact"/> removes them from anything logged.
/// </summary>
internal abstract class NotificationChannel(NotificationChannelConfig config)
{
    public NotificationChannelConfig Config { get; } = config;

    public string Name => Config.Name;

    /// <summary><c>slack channel 'alerts'</c>: how logs name it (never its URL).</summary>
    public string Description => $"{Config.Type} channel '{Config.Name}'";

    public bool Takes(NotificationLevel level) => Config.Levels.Contains(level);

    private static readonly Dictionary<string, Func<NotificationChannelConfig, NotificationChannel>> Kinds = new(StringComparer.Ordinal)
    {
        ["slack"] = config => new SlackChannel(config),
        ["telegram"] = config => new TelegramChannel(config),
        ["webhook"] = config => new WebhookChannel(config),
    };

    /// <summary>The <c>type:</c> a channel's config names it with.</summary>
    public static IReadOnlyCollection<string> Types => Kinds.Keys;

    public static NotificationChannel Create(NotificationChannelConfig config) => Kinds.TryGetValue(config.Type, out var create)
        ? create(config)
        : throw new ConfigException($"notifications.{config.Name}.type: unknown channel type '{config.Type}'. Known types: {string.Join(", ", Types)}");

    public abstract HttpRequestMessage CreateRequest(Notification notification);

    /// <summary>Reads a response: 2xx (and the channel's own success mark) is delivered; 429, 408 and 5xx are retried.</summary>
    public virtual SendAttempt Interpret(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        var code = (int)status;
        var shown = Redact(body.Length > 200 ? body[..200] + "…" : body).Trim();
        var reason = $"HTTP {code}{(shown.Length > 0 ? " " + shown : "")}";
        if (code is >= 200 and < 300)
        {
            return SendAttempt.Ok;
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            return SendAttempt.Transient(reason, VendorHttpClient.RetryAfter(headers));
        }

        if (status == HttpStatusCode.RequestTimeout || code >= 500)
        {
            return SendAttempt.Transient(reason);
        }

        return SendAttempt.Permanent(reason + Advice(status));
    }

    /// <summary>The text with this channel's URL and token (and every registered secret) replaced by <c>***</c>.</summary>
    public string Redact(string? text)
    {
        var result = text ?? "";
        foreach (var secret in new[] { Config.Url?.Value, Config.BotToken?.Value })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                result = result.Replace(secret, "***", StringComparison.Ordinal);
                if (Uri.TryCreate(secret, UriKind.Absolute, out var url) && url.AbsolutePath.Length > 1)
                {
                    result = result.Replace(url.AbsolutePath, "/***", StringComparison.Ordinal);
                }
            }
        }

        return Secrets.Redact(result);
    }

    /// <summary>What to do about a permanent failure, as a sentence starting with ". ", or empty.</summary>
    protected virtual string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $". The receiver refused the request: check {Config.Url?.Describe() ?? Config.BotToken?.Describe()}",
        HttpStatusCode.NotFound or HttpStatusCode.Gone =>
            $". The URL in {Config.Url?.Describe()} no longer exists; update it",
        _ => "",
    };
}
