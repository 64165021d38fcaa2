namespace Greenhouse.Config;

/// <summary>
/// One configured source (the plan): its type, where its API is, how far back incremental runs reach,
/// and its connector-specific settings (credentials among them).
/// </summary>
public sealed record SourceConfig(
    string Name,
    string Type,
    Uri? BaseUrl,
    TimeSpan Lookback,
    TimeSpan Reconcile,
    bool CompleteDaysOnly,
    string? Schedule,
    IReadOnlyList<string>? Streams,
    double? RequestsPerSecond,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, Credential> Credentials)
{
    public Credential RequireCredential(string key) =>
        Credentials.TryGetValue(key, out var credential)
            ? credential
            : throw new ConfigException($"sources.{Name}.{key}: required for a source of type '{Type}'.");

    public string? Setting(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
