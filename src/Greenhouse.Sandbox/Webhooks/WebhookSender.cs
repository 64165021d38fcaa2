using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.Stripe;

namespace Greenhouse.Sandbox.Webhooks;

/// <summary>
/// Sends webhooks the way the vendors do. Stripe: the event JSON as the body, <c>Stripe-Signature: t=…,v1=…</c> with
/// v1 = hex(HMAC-SHA256(secret, t + "." + body)). GitHub, Linear and Plain (<see cref="SendAsync"/>, events the
/// fakes build with <c>GitHubWebhooks</c>, <c>LinearWebhooks</c> and <c>PlainWebhooks</c>): each vendor's headers and
/// hex HMAC-SHA256 of the body (<c>X-Hub-Signature-256: sha256=…</c>, <c>Linear-Signature</c>,
/// <c>Plain-Request-Signature</c>). Used by tests, the benchmark and <c>greenhouse demo</c>, with options to replay,
/// reorder and spoil deliveries.
/// </summary>
public sealed class WebhookSender(HttpClient http, string secret, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The <c>Stripe-Signature</c> value for <paramref name="body"/> signed at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string StripeSignature(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }

    /// <summary>hex(HMAC-SHA256(secret, body)): Linear's <c>Linear-Signature</c> and Plain's <c>Plain-Request-Signature</c> (GitHub's after <c>sha256=</c>).</summary>
    public static string HexSignature(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>POSTs one event body to <paramref name="url"/>, signed now (or spoiled as <paramref name="tamper"/> says).</summary>
    public async Task<HttpResponseMessage> SendStripeAsync(
        Uri url, byte[] body, WebhookTamper tamper = WebhookTamper.None, long timestampOffsetSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (tamper != WebhookTamper.MissingSignature)
        {
            var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds() + timestampOffsetSeconds - (tamper == WebhookTamper.StaleTimestamp ? 600 : 0);
            var signature = StripeSignature(tamper == WebhookTamper.WrongSecret ? secret + "_wrong" : secret, timestamp, body);
            if (tamper == WebhookTamper.BadSignature)
            {
                var last = signature[^1];
                signature = signature[..^1] + (last == '0' ? '1' : '0');
            }

            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Sends events of the fake Stripe account (ids as <see cref="StripeFakeData.Ids"/>("events") lists them), oldest
    /// first unless <see cref="WebhookDelivery.Reorder"/>; returns each delivery's event id, HTTP status and body.
    /// </summary>
    public async Task<IReadOnlyList<(string EventId, int Status, string Body)>> SendStripeEventsAsync(
        Uri url, StripeFakeData data, IEnumerable<string> eventIds, WebhookDelivery? delivery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(eventIds);
        delivery ??= new WebhookDelivery();
        var bodies = eventIds.Select(id => (Id: id, Json: data.Event(id), Created: data.Get("events", id)["created"]!.GetValue<long>()))
            .OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        if (delivery.Reorder)
        {
            bodies.Reverse();
        }

        var results = new List<(string, int, string)>();
        foreach (var (id, json, _) in bodies)
        {
            for (var attempt = 0; attempt < (delivery.Replay ? 2 : 1); attempt++)
            {
                using var response = await SendStripeAsync(url, json, delivery.Tamper, attempt, cancellationToken);
                results.Add((id, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
            }
        }

        return results;
    }

    /// <summary>
    /// POSTs one GitHub, Linear or Plain webhook to <paramref name="url"/> as its vendor does: the vendor's headers,
    /// the delivery's own fields stamped now (Linear's <c>webhookTimestamp</c>, Plain's <c>webhookMetadata</c> with
    /// <paramref name="attempt"/>), signed with the secret (or spoiled as <paramref name="tamper"/> says; a stale
    /// timestamp is ten minutes old, which only Linear's 60 s window refuses).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Uri url, SandboxWebhook webhook, WebhookTamper tamper = WebhookTamper.None, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = _clock.GetUtcNow() - (tamper == WebhookTamper.StaleTimestamp ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var attemptId = Plain.PlainWebhooks.NewId("whAttempt");
        var json = (JsonObject)webhook.Body.DeepClone();
        if (webhook.Vendor == "linear")
        {
            json["webhookTimestamp"] = now.ToUnixTimeMilliseconds();
        }
        else if (webhook.Vendor == "plain")
        {
            json["webhookMetadata"] = new JsonObject
            {
                ["webhookTargetId"] = "whTarget_01SANDB0X0000000000000000",
                ["webhookDeliveryAttemptId"] = attemptId,
                ["webhookDeliveryAttemptNumber"] = attempt,
                ["webhookDeliveryAttemptTimestamp"] = stamp,
            };
        }

        var body = Encoding.UTF8.GetBytes(json.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = webhook.Vendor == "linear" ? "utf-8" : null };
        var headers = request.Headers;
        string signatureHeader;
        var prefix = "";
        switch (webhook.Vendor)
        {
            case "github":
                headers.UserAgent.ParseAdd("GitHub-Hookshot/sandbox");
                headers.Add("X-GitHub-Event", webhook.Type);
                headers.Add("X-GitHub-Delivery", webhook.Id);
                headers.Add("X-GitHub-Hook-ID", "1");
                headers.Add("X-GitHub-Hook-Installation-Target-Type", "organization");
                (signatureHeader, prefix) = ("X-Hub-Signature-256", "sha256=");
                break;
            case "linear":
                headers.UserAgent.ParseAdd("Linear-Webhook");
                headers.Add("Linear-Delivery", webhook.Id);
                headers.Add("Linear-Event", webhook.Type);
                signatureHeader = "Linear-Signature";
                break;
            case "plain":
                headers.TryAddWithoutValidation("User-Agent", "Plain-Webhooks/1.0 (plain.com; help@plain.com)");
                headers.Add("Plain-Workspace-Id", "w_01SANDB0X0000000000000000");
                headers.Add("Plain-Webhook-Target-Id", "whTarget_01SANDB0X0000000000000000");
                headers.Add("Plain-Webhook-Delivery-Attempt-Id", attemptId);
                headers.Add("Plain-Webhook-Delivery-Attempt-Number", attempt.ToString(CultureInfo.InvariantCulture));
                headers.Add("Plain-Webhook-Delivery-Attempt-Timestamp", stamp);
                headers.Add("Plain-Event-Type", webhook.Type);
                headers.Add("Plain-Event-Id", webhook.Id);
                signatureHeader = "Plain-Request-Signature";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(webhook), webhook.Vendor, "Send github, linear or plain webhooks (Stripe's: SendStripeAsync).");
        }

        if (tamper != WebhookTamper.MissingSignature)
        {
            var signature = HexSignature(tamper == WebhookTamper.WrongSecret ? secret + "_wrong" : secret, body);
            if (tamper == WebhookTamper.BadSignature)
            {
                signature = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
            }

            headers.TryAddWithoutValidation(signatureHeader, prefix + signature);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="webhooks"/> in the order given (the order their changes happened), or the reverse with
    /// <see cref="WebhookDelivery.Reorder"/>; a replay resends each as its next attempt. Returns each delivery's event
    /// id, HTTP status and body.
    /// </summary>
    public async Task<IReadOnlyList<(string EventId, int Status, string Body)>> SendEventsAsync(
        Uri url, IEnumerable<SandboxWebhook> webhooks, WebhookDelivery? delivery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        delivery ??= new WebhookDelivery();
        var ordered = webhooks.ToList();
        if (delivery.Reorder)
        {
            ordered.Reverse();
        }

        var results = new List<(string, int, string)>();
        foreach (var webhook in ordered)
        {
            for (var attempt = 1; attempt <= (delivery.Replay ? 2 : 1); attempt++)
            {
                using var response = await SendAsync(url, webhook, delivery.Tamper, attempt, cancellationToken);
                results.Add((webhook.Id, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
            }
        }

        return results;
    }
}
