namespace Greenhouse.Sandbox.Oidc;

/// <summary>
/// An application registered with the fake provider, as one is in Google's or Microsoft's console: its id, secret and
/// redirect URIs. Without <paramref name="RedirectUris"/>, any http(s) URL on a loopback address is accepted (a test
/// rarely knows its port before the client is registered).
/// </summary>
public sealed record OidcClient(string ClientId, string ClientSecret, IReadOnlyList<Uri>? RedirectUris = null);
