using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Oidc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Greenhouse.Tests.Ui;

/// <summary>The sandbox's fake OpenID Connect provider speaks the protocol as a real one does: discovery, keys, the code flow with PKCE, and its refusals.</summary>
public sealed class OidcProviderTests : IAsyncLifetime
{
    private const string Redirect = "http://127.0.0.1:5999/signin-oidc";
    private const string Verifier = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

    private SandboxServer _sandbox = null!;
    private HttpClient _http = null!;
    private string _issuer = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        _sandbox.Oidc.AddClient(new OidcClient("app", "app-secret-123456", [new Uri(Redirect)]));
        _sandbox.Oidc.AutoLogin = "ada@acme.test";
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        _issuer = _sandbox.VendorUrls["oidc"].ToString();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_code_exchanged_with_its_verifier_gives_an_id_token_signed_by_the_published_key()
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync($"{_issuer}/.well-known/openid-configuration"));
        Assert.Equal(_issuer, discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"{_issuer}/token", discovery.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal("S256", discovery.RootElement.GetProperty("code_challenge_methods_supported")[0].GetString());
        var keys = new JsonWebKeySet(await _http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));

        var code = await CodeAsync();
        using var token = await TokenAsync(code);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.RootElement.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = _issuer,
            ValidAudience = "app",
            IssuerSigningKeys = keys.GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("ada@acme.test", jwt.GetClaim("email").Value);
        Assert.Equal("true", jwt.GetClaim("email_verified").Value);
        Assert.Equal("n-0S6_WzA2Mj", jwt.GetClaim("nonce").Value);

        // A code is used once.
        using var again = await TokenAsync(code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("invalid_grant", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_checks_the_secret_the_redirect_uri_and_the_verifier()
    {
        using (var wrongSecret = await TokenAsync(await CodeAsync(), secret: "wrong-secret-000000"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
            Assert.Contains("\"error\":\"invalid_client\"", await wrongSecret.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrongRedirect = await TokenAsync(await CodeAsync(), redirect: "http://127.0.0.1:5999/elsewhere"))
        {
            Assert.Contains("redirect_uri does not match", await wrongRedirect.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrongVerifier = await TokenAsync(await CodeAsync(), verifier: Verifier + "x"))
        {
            Assert.Contains("PKCE verification failed", await wrongVerifier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var basic = await TokenAsync(await CodeAsync(), basic: true);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(3, _sandbox.Oidc.TokenErrors.Count);
    }

    [Fact]
    public async Task Authorize_refuses_an_unknown_client_on_its_page_and_a_request_without_pkce_by_redirect()
    {
        using var unknown = await _http.GetAsync(AuthorizeUrl(client: "nobody"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("No application is registered", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badRedirect = await _http.GetAsync(AuthorizeUrl(redirect: "https://evil.example/cb"));
        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);

        using var noPkce = await _http.GetAsync(AuthorizeUrl(challenge: null));
        Assert.Equal(HttpStatusCode.Redirect, noPkce.StatusCode);
        var query = QueryHelpers.ParseQuery(noPkce.Headers.Location!.Query);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("xyz", query["state"]);

        _sandbox.Oidc.AutoLogin = null;
        _sandbox.Oidc.AddAccount(new OidcAccount("bob@acme.test", "Bob"));
        using var page = await _http.GetAsync(AuthorizeUrl());
        Assert.Contains("Bob &lt;bob@acme.test&gt;", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private string AuthorizeUrl(string client = "app", string redirect = Redirect, string? challenge = "S256") =>
        QueryHelpers.AddQueryString($"{_issuer}/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = client,
            ["redirect_uri"] = redirect,
            ["response_type"] = "code",
            ["scope"] = "openid email",
            ["state"] = "xyz",
            ["nonce"] = "n-0S6_WzA2Mj",
            ["code_challenge"] = challenge is null ? null : WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = challenge,
        }.Where(p => p.Value is not null));

    private async Task<string> CodeAsync()
    {
        using var response = await _http.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Redirect, location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query)["code"].ToString();
    }

    private async Task<HttpResponseMessage> TokenAsync(string code, string secret = "app-secret-123456", string redirect = Redirect, string verifier = Verifier, bool basic = false)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_issuer}/token");
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"app:{secret}")));
        }
        else
        {
            form["client_id"] = "app";
            form["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(form);
        return await _http.SendAsync(request);
    }
}
