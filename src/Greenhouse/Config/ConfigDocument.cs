using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// The greenhouse.yml being read: its name for errors (<c>file:line:col: key: problem.</c>), its folder for relative
/// paths, and the environment <c>${ENV}</c> references resolve in.
/// </summary>
internal sealed partial class ConfigDocument(string name, string directory, Func<string, string?> environment)
{
    public string Name { get; } = name;

    public string Directory { get; } = directory;

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    public ConfigException Error(YamlNode node, string key, string problem) =>
        new($"{Name}:{node.Start.Line}:{node.Start.Column}: {key}: {problem}.".Replace("..", ".", StringComparison.Ordinal));

    /// <summary>A problem with no place in the file, such as a top-level key that is missing.</summary>
    public ConfigException Error(string key, string problem) =>
        new($"{Name}: {key}: {problem}.".Replace("..", ".", StringComparison.Ordinal));

    /// <summary>A scalar with <c>${ENV}</c> references resolved. A secret must be exactly one reference; its value is registered for redaction.</summary>
    public (string Value, string? Variable) Scalar(YamlNode node, string key, bool secret)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw Error(node, key, "expected a single value");
        }

        var text = scalar.Value;
        var references = EnvReference().Matches(text);
        if (secret && (references.Count != 1 || references[0].Value != text.Trim()))
        {
            throw Error(node, key,
                "a credential must be an environment variable reference such as ${STRIPE_API_KEY}, not a literal value (a literal would end up in version control and logs)");
        }

        string? variable = null;
        var resolved = EnvReference().Replace(text, match =>
        {
            variable = match.Groups[1].Value;
            var value = environment(variable);
            return string.IsNullOrEmpty(value)
                ? throw Error(node, key, $"environment variable {variable} is not set. Export it (export {variable}=…) or change the reference")
                : value;
        });

        if (secret)
        {
            Secrets.Register(resolved);
        }

        return (resolved, variable);
    }
}
