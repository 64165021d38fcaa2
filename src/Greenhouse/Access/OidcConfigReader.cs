using Greenhouse.Config;

namespace Greenhouse.Access;

/// <summary>
/// Reads <c>ui:</c>, today only its <c>oidc:</c>:
/// <c>ui: {oidc: {authority: https://accounts.google.com, client_id: …, client_secret: ${GOOGLE_CLIENT_SECRET}, name: Google,
/// allow: [{email: ada@example.com, role: admin}, {domain: example.com, role: viewer}]}}</c>.
/// </summary>
internal static class OidcConfigReader
{
    private const string AllowExample = "e.g. [{email: ada@example.com, role: admin}, {domain: example.com, role: viewer}]";

    public static OidcConfig? Read(ConfigSection root) =>
        root.Entry("ui")?.Read("expected a mapping, e.g. 'ui: {oidc: {authority: …, client_id: …, client_secret: ${…}, allow: […]}}'", ui =>
            ui.Section("oidc", "expected authority:, client_id:, client_secret: and allow:", Oidc));

    private static OidcConfig Oidc(ConfigSection oidc)
    {
        var authority = oidc.Entry("authority") is { } entry ? Authority(entry) : null;
        oidc.Require("authority", "required: the provider's issuer URL, e.g. https://accounts.google.com or https://login.microsoftonline.com/TENANT_ID/v2.0");
        var clientId = oidc.RequiredText("client_id", "required: the OAuth client id the provider gave for this Greenhouse");
        var clientSecret = oidc.RequiredSecret("client_secret", "required: the client's secret, as a reference such as ${GOOGLE_CLIENT_SECRET}");
        var name = oidc.Text("name");
        var allow = oidc.Entry("allow") is { } list ? Allow(list) : [];
        oidc.Require("allow", $"required: who may log in, and with which role, {AllowExample}");
        // Never returned: a missing authority is reported once the section is read.
        authority ??= new Uri("https://unset.invalid");
        return new OidcConfig(authority, clientId, clientSecret, string.IsNullOrWhiteSpace(name) ? NameOf(authority) : name.Trim(), allow);
    }

    private static Uri Authority(ConfigEntry entry)
    {
        var text = entry.Text();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            throw entry.Error($"'{text}' is not an http(s) URL; write the provider's issuer, e.g. https://accounts.google.com");
        }

        if (url.Scheme == "http" && !url.IsLoopback)
        {
            throw entry.Error($"'{text}' is plain http: a provider's keys and tokens must come over https (http is accepted only for 127.0.0.1 or localhost, such as the sandbox's fake provider)");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw entry.Error($"'{text}' has a query or fragment; write the issuer alone (Greenhouse reads its /.well-known/openid-configuration)");
        }

        return new Uri(text.TrimEnd('/'));
    }

    private static IReadOnlyList<OidcAllowRule> Allow(ConfigEntry list)
    {
        var rules = list.ReadList($"expected a list of rules, {AllowExample}", Rule);
        if (rules.Count == 0)
        {
            throw list.Error($"is empty, so no one could log in; list who may, {AllowExample}");
        }

        foreach (var duplicate in rules.GroupBy(r => r.Describe()).Where(g => g.Count() > 1))
        {
            throw list.Error($"lists {duplicate.Key} {duplicate.Count()} times; give each e-mail and each domain one role");
        }

        return rules;
    }

    private static OidcAllowRule Rule(ConfigSection rule)
    {
        var email = rule.Entry("email")?.Check(IsEmail, _ => "is not an e-mail address")?.ToLowerInvariant();
        var domain = rule.Entry("domain")?.Check(IsDomain, text => text.Contains('@', StringComparison.Ordinal)
            ? $"is not a domain; write it without the @ ({text[(text.LastIndexOf('@') + 1)..]}), or use email: for one person"
            : "is not a domain such as example.com")?.ToLowerInvariant();
        var role = rule.Choice("role", TokenService.Roles) ?? rule.RequiredText("role", $"required: {string.Join(" or ", TokenService.Roles)}");
        if (email is null && domain is null)
        {
            // Reported after unknown keys: a misspelt "email:" is the likelier cause.
            rule.Require("email", "a rule needs email: (one person) or domain: (everyone whose e-mail ends @domain)");
        }
        else if (email is not null && domain is not null)
        {
            throw rule.Error("domain", "a rule has either email: or domain:, not both");
        }

        return new OidcAllowRule(email, domain, role);
    }

    private static bool IsEmail(string text) =>
        text.Trim().LastIndexOf('@') is var at && at > 0 && at < text.Trim().Length - 1 && !text.Trim().Contains(' ', StringComparison.Ordinal);

    private static bool IsDomain(string text) =>
        text.Length > 0 && text.Contains('.', StringComparison.Ordinal) && !text.StartsWith('.') && !text.EndsWith('.')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    /// <summary>The button's name when <c>name:</c> is not set: Google or Microsoft for theirs, else the provider's host.</summary>
    private static string NameOf(Uri authority) => authority.Host switch
    {
        "accounts.google.com" => "Google",
        "login.microsoftonline.com" or "login.microsoft.com" or "login.live.com" => "Microsoft",
        var host => host,
    };
}
