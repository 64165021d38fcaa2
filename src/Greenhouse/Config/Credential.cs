namespace Greenhouse.Config;

/// <summary>
/// A secret from the config, with where it came from, so errors can name the credential
/// (<c>sources.stripe.api_key (${STRIPE_API_KEY})</c>) without ever showing its value.
/// </summary>
public sealed record Credential(string Value, string ConfigKey, string? EnvironmentVariable)
{
    public string Describe() => EnvironmentVariable is null
        ? ConfigKey
        : $"{ConfigKey} (${{{EnvironmentVariable}}})";

    public override string ToString() => Describe();
}
