using Greenhouse.Config;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// A REST source's credential. <paramref name="Secret"/> is the token (bearer), password (basic) or value (header, query),
/// always from a <c>${ENV}</c> reference; <paramref name="Name"/> is the header or query parameter's name.
/// </summary>
public sealed record RestAuthConfig(RestAuthType Type, Credential? Secret = null, string? Username = null, string? Name = null, string Prefix = "");
