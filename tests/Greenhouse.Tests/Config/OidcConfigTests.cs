using Greenhouse.Access;
using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Tests.Config;

/// <summary><c>ui.oidc:</c> in greenhouse.yml: what it reads, what it refuses (naming file, line, key and problem), and who its allow list lets in.</summary>
public sealed class OidcConfigTests : IDisposable
{
    private const string Secret = "oidc_client_secret_value_123";

    private readonly string _directory = Directory.CreateTempSubdirectory("gh-oidc-config-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["STRIPE_API_KEY"] = "sk_test_config_secret_123", ["GOOGLE_CLIENT_SECRET"] = Secret };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private GreenhouseConfig Load(string ui)
    {
        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, $$"""
            sources:
              stripe: {type: stripe, api_key: "${STRIPE_API_KEY}"}
            ui:
            {{ui}}
            """);
        return new ConfigLoader(BuiltInConnectors.Create(), name => _environment.GetValueOrDefault(name)).Load(path);
    }

    private string Fails(string ui)
    {
        var message = Assert.Throws<ConfigException>(() => Load(ui)).Message;
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
        return message;
    }

    private const string Google = """
          oidc:
            authority: https://accounts.google.com/
            client_id: 1234.apps.googleusercontent.com
            client_secret: ${GOOGLE_CLIENT_SECRET}
        """;

    [Fact]
    public void A_google_login_reads_with_its_rules_and_a_default_name()
    {
        var oidc = Load(Google + """

                allow:
                  - {email: Ada@Example.com, role: admin}
                  - {domain: Example.COM, role: viewer}
            """).Oidc;

        Assert.NotNull(oidc);
        Assert.Equal(new Uri("https://accounts.google.com"), oidc.Authority);
        Assert.Equal("1234.apps.googleusercontent.com", oidc.ClientId);
        Assert.Equal("Google", oidc.Name);
        Assert.Equal(Secret, oidc.ClientSecret.Value);
        Assert.Equal("ui.oidc.client_secret (${GOOGLE_CLIENT_SECRET})", oidc.ClientSecret.Describe());
        Assert.Equal([new OidcAllowRule("ada@example.com", null, "admin"), new OidcAllowRule(null, "example.com", "viewer")], oidc.Allow);
    }

    [Fact]
    public void No_ui_section_means_no_oidc_and_a_name_can_be_given()
    {
        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, "sources:\n  stripe: {type: stripe, api_key: \"${STRIPE_API_KEY}\"}\n");
        Assert.Null(new ConfigLoader(BuiltInConnectors.Create(), name => _environment.GetValueOrDefault(name)).Load(path).Oidc);

        var oidc = Load("""
              oidc:
                authority: http://127.0.0.1:5001/oidc
                client_id: sandbox
                client_secret: ${GOOGLE_CLIENT_SECRET}
                name: Acme SSO
                allow: [{domain: acme.test, role: viewer}]
            """).Oidc!;
        Assert.Equal("Acme SSO", oidc.Name);
        Assert.True(oidc.Authority.IsLoopback);
    }

    [Fact]
    public void An_exact_email_beats_its_domain_and_no_match_is_refused()
    {
        var oidc = Load(Google + """

                allow:
                  - {domain: example.com, role: viewer}
                  - {email: ada@example.com, role: admin}
            """).Oidc!;

        Assert.Equal(OidcAdmission.Admitted("ada@example.com", "admin"), oidc.Admit("ADA@example.com", "true"));
        Assert.Equal(OidcAdmission.Admitted("bob@example.com", "viewer"), oidc.Admit("bob@example.com", null));
        Assert.Contains("eve@example.com.evil is not allowed to log in", oidc.Admit("eve@example.com.evil", "true").Problem, StringComparison.Ordinal);
        Assert.Contains("not allowed", oidc.Admit("eve@sub.example.com", "true").Problem, StringComparison.Ordinal);
        Assert.Contains("Google has not verified bob@example.com", oidc.Admit("bob@example.com", "false").Problem, StringComparison.Ordinal);
        Assert.Contains("did not say which e-mail", oidc.Admit(null, null).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: example.com, role: viewer}]", "greenhouse.yml:5:5: ui.oidc.authority: required: the provider's issuer URL")]
    [InlineData("    authority: accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: example.com, role: viewer}]", "greenhouse.yml:5:16: ui.oidc.authority: 'accounts.google.com' is not an http(s) URL")]
    [InlineData("    authority: http://login.example.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: example.com, role: viewer}]", "ui.oidc.authority: 'http://login.example.com' is plain http")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: example.com, role: owner}]", "greenhouse.yml:8:41: ui.oidc.allow[0].role: 'owner' is not one of: viewer, admin")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: example.com, role: admn}]", "Did you mean 'admin'?")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: literal-secret-value\n    allow: [{domain: example.com, role: viewer}]", "ui.oidc.client_secret: a credential must be an environment variable reference")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}", "ui.oidc.allow: required: who may log in")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: []", "ui.oidc.allow: is empty, so no one could log in")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{mail: ada@example.com, role: viewer}]", "ui.oidc.allow[0].mail: unknown key. Did you mean 'email'?")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{role: viewer}]", "ui.oidc.allow[0].email: a rule needs email: (one person) or domain:")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: '@example.com', role: viewer}]", "ui.oidc.allow[0].domain: '@example.com' is not a domain; write it without the @ (example.com)")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{email: ada, role: viewer}]", "ui.oidc.allow[0].email: 'ada' is not an e-mail address")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [{domain: a.com, role: viewer}, {domain: A.com, role: admin}]", "ui.oidc.allow: lists domain a.com 2 times")]
    [InlineData("    authority: https://accounts.google.com\n    client_id: x\n    client_secret: ${GOOGLE_CLIENT_SECRET}\n    allow: [a.com]", "ui.oidc.allow[0]: expected a list of rules")]
    [InlineData("    autority: https://accounts.google.com", "ui.oidc.autority: unknown key. Did you mean 'authority'?")]
    public void Bad_oidc_settings_name_the_file_the_key_and_the_problem(string settings, string expected)
    {
        var message = Fails("  oidc:\n" + settings);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("greenhouse.yml:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_client_secret_stops_serve_at_start_not_at_load()
    {
        var config = Load(Google.Replace("GOOGLE_CLIENT_SECRET", "UNSET_SECRET", StringComparison.Ordinal) + "\n    allow: [{domain: example.com, role: viewer}]");
        var message = Assert.Throws<ConfigException>(config.ResolveCredentials).Message;
        Assert.Contains("ui.oidc.client_secret: environment variable UNSET_SECRET is not set", message, StringComparison.Ordinal);
    }
}
