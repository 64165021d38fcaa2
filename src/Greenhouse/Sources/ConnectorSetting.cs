namespace Greenhouse.Sources;

/// <summary>
/// A connector-specific key of a source's config. Secret keys must come from <c>${ENV}</c> references.
/// A <paramref name="IsPath"/> key is a file or folder, resolved against the config file's folder when relative.
/// </summary>
public sealed record ConnectorSetting(string Key, bool Required = false, bool Secret = false, string? Description = null, bool IsPath = false);
