using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Greenhouse.Webhooks;

/// <summary>HMAC and constant-time comparison shared by the verifiers.</summary>
internal static class WebhookHmac
{
    public static byte[] Compute(string algorithm, string secret, ReadOnlySpan<byte> data)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return algorithm switch
        {
#pragma warning disable CA5350 // HMAC-SHA1 only when a vendor's configured scheme says so (e.g. GitHub's legacy X-Hub-Signature).
            "sha1" => HMACSHA1.HashData(key, data),
#pragma warning restore CA5350
            "sha256" => HMACSHA256.HashData(key, data),
            "sha512" => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Use sha1, sha256 or sha512."),
        };
    }

    /// <summary>Whether <paramref name="hex"/> (any case) encodes exactly <paramref name="expected"/>, compared in constant time.</summary>
    public static bool HexEquals(string hex, ReadOnlySpan<byte> expected)
    {
        if (hex.Length != expected.Length * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[expected.Length];
        return Convert.FromHexString(hex, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static bool Base64Equals(string base64, ReadOnlySpan<byte> expected)
    {
        Span<byte> given = stackalloc byte[expected.Length + 3];
        return Convert.TryFromBase64String(base64, given, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given[..written], expected);
    }

    /// <summary>A string or number property of a JSON object, as text; null otherwise.</summary>
    public static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Integer(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : null;

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
