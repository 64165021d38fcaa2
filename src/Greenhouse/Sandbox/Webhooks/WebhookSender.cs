using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Greenhouse.Sandbox.Stripe;

namespace Greenhouse.Sandbox.Webhooks;

/// <summary>
/// Sends Stripe webhooks the way Stripe does: the event JSON as the body, <c>Stripe-Signature: t=…,v1=…</c> with
/// v1 = hex(HMAC-SHA256(secret, t + "." + body)). Used by tests, the benchmark and <c>greenhouse demo</c>, with
/// options to replay, reorder and spoil deliveries.
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
}
