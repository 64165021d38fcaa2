using System.Diagnostics.CodeAnalysis;

namespace Greenhouse.Config;

/// <summary>Reads a config value's text into a typed value; false when the text is not one.</summary>
public delegate bool ConfigParser<T>(string text, [MaybeNullWhen(false)] out T value);
