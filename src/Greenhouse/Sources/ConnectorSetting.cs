namespace Greenhouse.Sources;

/// <summary>A connector-specific key of a source's config. Secret keys must come from <c>${ENV}</c> references.</summary>
public sealed record ConnectorSetting(string Key, bool Required = false, bool Secret = false, string? Description = null);
