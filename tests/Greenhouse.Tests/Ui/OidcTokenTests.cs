using System.Net;
using Greenhouse.Sandbox.Oidc;
using Greenhouse.Serve;
using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Ui;

/// <summary>
/// The OpenID Connect login's checks, over HTTP with a cookie jar (the provider logs its account in at once): what
/// the handler refuses from the provider (a broken id_token, a wrong client secret) lands on the "not allowed" page
/// with the reason, signs no one in, and neither the page nor the log holds the secret.
/// </summary>
public sealed class OidcTokenTests
{
    private const string Allow = "[{domain: acme.test, role: admin}]";

    [Fact]
    public async Task A_good_answer_signs_in_and_every_broken_id_token_is_refused()
    {
        await using var harness = await OidcHarness.StartAsync(Allow);
        var logs = new ListLoggerProvider();
        await using var app = await ServeAsync(harness, logs);
        var address = Address(app);
        harness.Sandbox.Oidc.AutoLogin = "ada@acme.test";

        var (landed, page) = await LogInAsync(address, "/runs");
        Assert.Equal(OidcLogin.ContinuePath, landed.AbsolutePath);
        Assert.Contains("url=/runs", page, StringComparison.Ordinal);

        var expected = new Dictionary<OidcTokenFault, string>
        {
            [OidcTokenFault.WrongAudience] = "was issued for another application (its aud is not ui.oidc.client_id)",
            [OidcTokenFault.Tampered] = "the id_token's signature does not verify against Sandbox's published keys",
            [OidcTokenFault.WrongIssuer] = "the id_token names another issuer than ui.oidc.authority",
            [OidcTokenFault.Expired] = "the id_token has expired",
            [OidcTokenFault.WrongNonce] = "the id_token's nonce does not belong to this login",
        };
        foreach (var (fault, reason) in expected)
        {
            harness.Sandbox.Oidc.TokenFault = fault;
            (landed, page) = await LogInAsync(address, "/runs");
            Assert.True(landed.AbsolutePath == OidcLogin.RefusedPath, $"{fault}: landed on {landed}");
            Assert.Contains("The login with Sandbox failed: ", page, StringComparison.Ordinal);
            Assert.Contains(reason, page, StringComparison.Ordinal);
        }

        Assert.Contains("logged in with Sandbox as admin", logs.Logger.AllText, StringComparison.Ordinal);
        Assert.True(logs.Logger.Entries.Count(e => e.Text.Contains("logged in with", StringComparison.Ordinal)) == 1, logs.Logger.AllText);
    }

    [Fact]
    public async Task A_wrong_client_secret_in_the_config_is_named_and_never_shown()
    {
        const string wrong = "not-the-registered-secret-42";
        await using var harness = await OidcHarness.StartAsync(Allow, configuredSecret: wrong);
        var logs = new ListLoggerProvider();
        await using var app = await ServeAsync(harness, logs);
        harness.Sandbox.Oidc.AutoLogin = "ada@acme.test";

        var (landed, page) = await LogInAsync(Address(app), "/");

        Assert.Equal(OidcLogin.RefusedPath, landed.AbsolutePath);
        Assert.Contains(
            "Sandbox refused Greenhouse's client credentials (invalid_client). An admin should check ui.oidc.client_id and ui.oidc.client_secret (${OIDC_CLIENT_SECRET}) in greenhouse.yml",
            page,
            StringComparison.Ordinal);
        Assert.StartsWith("invalid_client:", Assert.Single(harness.Sandbox.Oidc.TokenErrors), StringComparison.Ordinal);
        Assert.Contains("The login with Sandbox failed: Sandbox refused Greenhouse's client credentials", logs.Logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, page, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logs.Logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_is_said_on_the_page_not_as_an_error_500()
    {
        await using var harness = await OidcHarness.StartAsync(Allow);
        harness.WriteConfig(top: """
            ui:
              oidc:
                authority: http://127.0.0.1:9/oidc
                client_id: greenhouse-test
                client_secret: ${OIDC_CLIENT_SECRET}
                allow: [{domain: acme.test, role: admin}]
            """);
        await using var app = await ServeAsync(harness, new ListLoggerProvider());

        var (landed, page) = await LogInAsync(Address(app), "/");

        Assert.Equal(OidcLogin.RefusedPath, landed.AbsolutePath);
        Assert.Contains("Greenhouse could not reach 127.0.0.1 (its configuration at http://127.0.0.1:9/oidc/.well-known/openid-configuration)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_asks_for_a_code_with_pkce_and_a_redirect_uri_on_the_proxys_address()
    {
        await using var harness = await OidcHarness.StartAsync(Allow);
        await using var app = await ServeAsync(harness, new ListLoggerProvider());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address(app) };
        using var request = new HttpRequestMessage(HttpMethod.Get, OidcLogin.StartUrl("/runs"));
        // A TLS-ending proxy on this machine says what the browser used.
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "greenhouse.example.com");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{harness.Sandbox.VendorUrls["oidc"]}/authorize", location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("https://greenhouse.example.com/signin-oidc", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        // The code comes back in the query (the default for response_type=code, so the parameter may be left out), not by a cross-site POST.
        Assert.Equal("query", query.TryGetValue("response_mode", out var mode) ? mode.ToString() : "query");
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("openid email profile", query["scope"]);
        Assert.Equal(OidcHarness.ClientId, query["client_id"]);
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.DoesNotContain("client_secret", location.Query, StringComparison.Ordinal);
    }

    /// <summary>Starts at the login button's URL and follows every redirect (the provider's included): where it ends, and that page's text.</summary>
    private static async Task<(Uri Landed, string Page)> LogInAsync(Uri address, string returnUrl)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = address };
        using var response = await http.GetAsync(OidcLogin.StartUrl(returnUrl));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var landed = response.RequestMessage!.RequestUri!;
        if (landed.AbsolutePath == OidcLogin.ContinuePath)
        {
            // Signed in: the session cookie opens the page it was going to.
            using var runs = await http.GetAsync(returnUrl);
            Assert.Equal(returnUrl, runs.RequestMessage!.RequestUri!.AbsolutePath);
        }
        else
        {
            using var refused = await http.GetAsync("/runs");
            Assert.Equal("/login", refused.RequestMessage!.RequestUri!.AbsolutePath);
        }

        return (landed, page);
    }

    private static async Task<WebApplication> ServeAsync(SourceHarness harness, ListLoggerProvider logs)
    {
        var app = TestHost.Build(harness.LoadConfig(), new ServeOptions { Schedule = false }, logs);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
