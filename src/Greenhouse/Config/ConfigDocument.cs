using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// The greenhouse.yml being read: its name for errors (<c>file:line:col: key: problem.</c>), its folder for relative
/// paths, the environment <c>${ENV}</c> references resolve in, and the credentials read from it.
/// </summary>
internal sealed partial class ConfigDocument(string name, string directory, Func<string, string?> environment)
{
    private readonly List<Credential> _credentials = [];

    public string Name { get; } = name;

    public string Directory { get; } = directory;

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    public ConfigException Error(YamlNode node, string key, string problem) =>
        new($"{Name}:{node.Start.Line}:{node.Start.Column}: {key}: {problem}.".Replace("..", ".", StringComparison.Ordinal));

    /// <summary>A problem with no place in the file, such as a top-level key that is missing.</summary>
    public ConfigException Error(string key, string problem) =>
        new($"{Name}: {key}: {problem}.".Replace("..", ".", StringComparison.Ordinal));

    /// <summary>
    /// A credential: the reference is checked now (exactly one <c>${ENV}</c>, never a literal), the variable is read when
    /// the credential is first used (see <see cref="Credential.Value"/>), with the same error a missing one gives here.
    /// </summary>
    public Credential ReadCredential(YamlNode node, string key)
    {
        var variable = SecretVariable(node, key);
        var credential = Credential.Deferred(key, variable, () => Scalar(node, key, secret: true).Value);
        _credentials.Add(credential);
        return credential;
    }

    /// <summary>The credentials read so far whose keys lie under <paramref name="path"/> (e.g. <c>sources.stripe</c>).</summary>
    public IReadOnlyList<Credential> CredentialsUnder(string path) =>
        [.. _credentials.Where(c => c.ConfigKey.StartsWith(path + ".", StringComparison.Ordinal))];

    /// <summary>A scalar with <c>${ENV}</c> references resolved. A secret must be exactly one reference; its value is registered for redaction.</summary>
    public (string Value, string? Variable) Scalar(YamlNode node, string key, bool secret)
    {
        if (secret)
        {
            SecretVariable(node, key);
        }

        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw Error(node, key, "expected a single value");
        }

        var text = scalar.Value;
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

    /// <summary>The one variable a secret's value references; anything else (a literal, two references) is refused.</summary>
    private string SecretVariable(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            throw Error(node, key, "expected a single value");
        }

        var references = EnvReference().Matches(text);
        return references.Count == 1 && references[0].Value == text.Trim()
            ? references[0].Groups[1].Value
            : throw Error(node, key,
                "a credential must be an environment variable reference such as ${STRIPE_API_KEY}, not a literal value (a literal would end up in version control and logs)");
    }
}
