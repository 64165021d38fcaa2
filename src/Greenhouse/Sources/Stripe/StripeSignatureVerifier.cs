using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Stripe's scheme, as stripe-dotnet's <c>EventUtility</c> does it: <c>Stripe-Signature: t=…,v1=…[,v1=…][,v0=…]</c>;
/// the expected v1 is hex(HMAC-SHA256(key = the whole secret, <c>t + "." + rawBody</c>)); any v1 may match (several
/// during a secret rollover), other schemes (the test-mode v0) are ignored; |now − t| must be within the tolerance
/// (300 s by default; zero turns the check off). The event id, type and time come from the body.
/// </summary>
internal sealed class StripeSignatureVerifier(TimeSpan? tolerance = null) : IWebhookVerifier
{
    public const string HeaderName = "Stripe-Signature";

    public TimeSpan Tolerance { get; } = tolerance ?? TimeSpan.FromSeconds(300);

    public WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        if (headers[HeaderName] is not { } header)
        {
            return WebhookCheck.Fail(WebhookFailure.MissingSignature, $"no {HeaderName} header");
        }

        string? timestamp = null;
        var signatures = new List<string>(2);
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim();
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookCheck.Fail(WebhookFailure.Malformed, $"{HeaderName} has no timestamp t=");
        }

        if (signatures.Count == 0)
        {
            return WebhookCheck.Fail(WebhookFailure.Malformed, $"{HeaderName} has no v1 signature");
        }

        var expected = Expected(secret, timestamp, body);
        var any = false;
        foreach (var signature in signatures)
        {
            any |= WebhookHmac.HexEquals(signature, expected); // no early exit: every candidate is compared
        }

        if (!any)
        {
            return WebhookCheck.Fail(WebhookFailure.Mismatch, "no v1 signature matches the secret");
        }

        if (Tolerance > TimeSpan.Zero && Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Tolerance.TotalSeconds)
        {
            return WebhookCheck.Fail(WebhookFailure.StaleTimestamp, $"the signed timestamp is more than {WebhookHmac.Seconds(Tolerance)} from now");
        }

        return WebhookCheck.Ok;
    }

    public WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody) =>
        WebhookHmac.Text(body, "id") is { Length: > 0 } id
            ? new WebhookIdentity(id, WebhookHmac.Text(body, "type") ?? "unknown",
                WebhookHmac.Integer(body, "created") is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null)
            : null;

    /// <summary>The v1 signature bytes for <paramref name="timestamp"/> and <paramref name="body"/>.</summary>
    public static byte[] Expected(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = ArrayPool<byte>.Shared.Rent(prefix.Length + body.Length);
        try
        {
            prefix.CopyTo(signed, 0);
            body.CopyTo(signed.AsSpan(prefix.Length));
            return WebhookHmac.Compute("sha256", secret, signed.AsSpan(0, prefix.Length + body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }
    }
}
