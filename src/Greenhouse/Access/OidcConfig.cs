using Greenhouse.Config;

namespace Greenhouse.Access;

/// <summary>
/// <c>ui.oidc:</c> in greenhouse.yml: logging in to the web UI through an OpenID Connect provider (Google, Microsoft…),
/// with the authorization code flow and PKCE, and who may (<see cref="Allow"/>). Password users of <c>_gh_users</c>
/// keep logging in beside it.
/// </summary>
/// <param name="Authority">The provider's issuer, whose <c>/.well-known/openid-configuration</c> describes it; https unless it is a loopback address.</param>
/// <param name="Name">What the login page's button says: "Log in with <paramref name="Name"/>".</param>
public sealed record OidcConfig(Uri Authority, string ClientId, Credential ClientSecret, string Name, IReadOnlyList<OidcAllowRule> Allow)
{
    /// <summary>Where the provider sends the person back, on this server: the redirect URI to register with the provider.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>
    /// Who an answer is: its <c>email</c>, which must be verified when the provider says whether it is
    /// (<c>email_verified</c>), and the role of the first rule that matches, an exact e-mail before a domain.
    /// </summary>
    public OidcAdmission Admit(string? email, string? emailVerified)
    {
        var address = email?.Trim().ToLowerInvariant() ?? "";
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return OidcAdmission.Refused($"{Name} did not say which e-mail address you logged in with, and Greenhouse lets people in by their e-mail. Log in with an account that has one.");
        }

        if (emailVerified is not null && !string.Equals(emailVerified, "true", StringComparison.OrdinalIgnoreCase))
        {
            return OidcAdmission.Refused($"{Name} has not verified {address}, and Greenhouse only lets in verified e-mail addresses. Verify it with {Name}, then log in again.");
        }

        var domain = address[(at + 1)..];
        var rule = Allow.FirstOrDefault(r => r.Email == address) ?? Allow.FirstOrDefault(r => r.Domain == domain);
        return rule is null
            ? OidcAdmission.Refused($"{address} is not allowed to log in to this Greenhouse. Ask an admin to add your e-mail or its domain to ui.oidc.allow in greenhouse.yml.")
            : OidcAdmission.Admitted(address, rule.Role);
    }
}
