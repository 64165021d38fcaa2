namespace Greenhouse.Access;

/// <summary>
/// One item of <c>ui.oidc.allow</c>: a person (<paramref name="Email"/>) or everyone of a domain
/// (<paramref name="Domain"/>, the part after the <c>@</c>, exactly: no subdomains), and the role they log in with.
/// Exactly one of the two is set, lower-case.
/// </summary>
public sealed record OidcAllowRule(string? Email, string? Domain, string Role)
{
    /// <summary>How the rule reads in messages: <c>email ada@example.com</c>, <c>domain example.com</c>.</summary>
    public string Describe() => Email is { } email ? $"email {email}" : $"domain {Domain}";
}
