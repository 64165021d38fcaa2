using System.Collections.Concurrent;

namespace Greenhouse.Config;

/// <summary>
/// Values that came from environment variables referenced by secret config keys. Every message
/// Greenhouse prints, logs or stores passes through <see cref="Redact"/> so no secret escapes.
/// </summary>
public static class Secrets
{
    private static readonly ConcurrentDictionary<string, byte> Known = new();

    public static void Register(string value)
    {
        // Very short values would redact ordinary words; a real credential is never this short.
        if (value.Length >= 6)
        {
            Known.TryAdd(value, 0);
        }
    }

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in Known.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
