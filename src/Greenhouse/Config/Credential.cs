namespace Greenhouse.Config;

/// <summary>
/// A secret from the config, with where it came from, so errors can name the credential
/// (<c>sources.stripe.api_key (${STRIPE_API_KEY})</c>) without ever showing its value. A credential from
/// greenhouse.yml reads its environment variable when it is first used, not when the file is loaded: a command that
/// never talks to the vendor (<c>query</c>, <c>status</c>, <c>state</c>) never needs it.
/// </summary>
public sealed class Credential
{
    private readonly Lazy<string> _value;

    /// <summary>A credential whose value is already known (the sandbox's, the demo's, a test's).</summary>
    public Credential(string value, string configKey, string? environmentVariable)
        : this(() => value, configKey, environmentVariable)
    {
    }

    private Credential(Func<string> resolve, string configKey, string? environmentVariable)
    {
        ConfigKey = configKey;
        EnvironmentVariable = environmentVariable;
        _value = new Lazy<string>(resolve, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A credential of greenhouse.yml: <paramref name="resolve"/> reads the variable on first use, throwing the config's error when it is not set.</summary>
    internal static Credential Deferred(string configKey, string environmentVariable, Func<string> resolve) => new(resolve, configKey, environmentVariable);

    /// <summary>
    /// The secret, read on first use (and from then on registered for redaction). An unset variable fails here with the
    /// error a load used to give: <c>greenhouse.yml:4:14: sources.stripe.api_key: environment variable … is not set</c>.
    /// </summary>
    public string Value => _value.Value;

    public string ConfigKey { get; }

    public string? EnvironmentVariable { get; }

    /// <summary>Reads the value now, so a command that will need it fails before it starts rather than halfway.</summary>
    public void Resolve() => _ = _value.Value;

    public string Describe() => EnvironmentVariable is null
        ? ConfigKey
        : $"{ConfigKey} (${{{EnvironmentVariable}}})";

    public override string ToString() => Describe();
}
