namespace Greenhouse.Webhooks;

/// <summary>A webhook request's headers as a verifier reads them, whatever the host serving the request.</summary>
/// <param name="lookup">A header's value by name, ignoring case; null when the request has none.</param>
internal sealed class WebhookHeaders(Func<string, string?> lookup)
{
    /// <summary>The header's value, trimmed; null when it is missing or empty.</summary>
    public string? this[string name] => lookup(name) is { Length: > 0 } text ? text.Trim() : null;
}
