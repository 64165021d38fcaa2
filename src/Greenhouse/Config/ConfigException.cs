namespace Greenhouse.Config;

/// <summary>A configuration problem. The message names the file, the line, the key and what is wrong.</summary>
public sealed class ConfigException(string message) : Exception(message);
