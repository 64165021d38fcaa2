namespace Greenhouse.Webhooks;

/// <summary>
/// How a source's webhooks are signed. <see cref="Scheme"/> is <c>stripe</c>, <c>github</c>, <c>linear</c> or <c>plain</c>
/// (the vendors' exact algorithms) or <c>hmac</c>: HMAC-<see cref="Algorithm"/> (sha1, sha256, sha512) of the raw body,
/// <see cref="Encoding"/> hex or base64, in header <see cref="Header"/> after an optional <see cref="Prefix"/>.
/// </summary>
public sealed record WebhookSignatureConfig(string Scheme, string? Header = null, string Algorithm = "sha256", string Encoding = "hex", string Prefix = "");
