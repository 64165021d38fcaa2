using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Notifications;

/// <summary>
/// The Telegram Bot API: POST <c>{base_url}/bot&lt;token&gt;/sendMessage</c> with <c>{chat_id, text, parse_mode: HTML}</c>;
/// the answer is <c>{"ok":true,…}</c> or <c>{"ok":false,"error_code","description","parameters":{"retry_after"}}</c>.
/// </summary>
internal sealed class TelegramChannel(NotificationChannelConfig config) : NotificationChannel(config)
{
    private static readonly Uri DefaultBaseUrl = new("https://api.telegram.org");

    /// <summary>Telegram's limit is 4096 characters after entities are parsed; stay under it before escaping.</summary>
    private const int MaxTextLength = 3800;

    public override HttpRequestMessage CreateRequest(Notification notification)
    {
        var token = Config.BotToken ?? throw new ConfigException($"notifications.{Config.Name}.bot_token: required for a telegram channel");
        var baseUrl = (Config.BaseUrl ?? DefaultBaseUrl).AbsoluteUri.TrimEnd('/');
        var body = string.Join("\n", notification.Lines);
        if (body.Length > MaxTextLength)
        {
            body = body[..(MaxTextLength - 1)] + "…";
        }

        var payload = new TelegramPayload(
            Config.ChatId ?? "",
            $"<b>{Escape(notification.Title)}</b>\n{Escape(body)}",
            "HTML",
            new TelegramLinkPreview(true));
        return new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/bot{token.Value}/sendMessage")
        {
            Content = JsonContent.Create(payload, NotificationJson.Default.TelegramPayload),
        };
    }

    /// <summary>The three characters Telegram's HTML parse mode needs escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public override SendAttempt Interpret(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        bool? ok = null;
        string? description = null;
        TimeSpan? retryAfter = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                ok = root.TryGetProperty("ok", out var okElement) && okElement.ValueKind == JsonValueKind.True;
                description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty("retry_after", out var seconds) && seconds.TryGetInt32(out var value))
                {
                    retryAfter = TimeSpan.FromSeconds(value);
                }
            }
        }
        catch (JsonException)
        {
            // Not Telegram's JSON (a proxy's page): judged by the status alone below.
        }

        if (ok is null)
        {
            return base.Interpret(status, headers, body);
        }

        var code = (int)status;
        if (ok == true && code is >= 200 and < 300)
        {
            return SendAttempt.Ok;
        }

        var reason = $"HTTP {code} {Redact(description ?? "ok: false")}";
        if (status == HttpStatusCode.TooManyRequests)
        {
            return SendAttempt.Transient(reason, retryAfter ?? VendorHttpClient.RetryAfter(headers));
        }

        return code >= 500 || status == HttpStatusCode.RequestTimeout
            ? SendAttempt.Transient(reason)
            : SendAttempt.Permanent(reason + Advice(status));
    }

    protected override string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.NotFound =>
            $". Telegram refused the bot token in {Config.BotToken?.Describe()}; check it with @BotFather",
        HttpStatusCode.BadRequest or HttpStatusCode.Forbidden =>
            $". Check notifications.{Config.Name}.chat_id ({Config.ChatId}) and that the bot is a member of that chat",
        _ => "",
    };
}
