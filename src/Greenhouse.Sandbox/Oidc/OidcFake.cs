using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Greenhouse.Sandbox.Oidc;

/// <summary>
/// A fake OpenID Connect provider (Google's or Microsoft's role) under <c>/oidc</c>, its issuer
/// <c>http://127.0.0.1:PORT/oidc</c>: discovery at <c>/.well-known/openid-configuration</c>, an RSA key at <c>/jwks</c>,
/// <c>/authorize</c> (the authorization code flow; PKCE with S256 required) that shows a login page choosing an
/// account, or logs <see cref="AutoLogin"/> in at once, <c>/token</c> that checks the client's id and secret, the
/// code's redirect_uri and the code_verifier and answers an RS256-signed id_token, and <c>/userinfo</c>.
/// Clients (<see cref="SandboxClient"/> from the start) and accounts are registered with <see cref="AddClient"/> and <see cref="AddAccount"/>; a refused token
/// request is in <see cref="TokenErrors"/>; <see cref="TokenFault"/> breaks the id_tokens it issues.
/// </summary>
public sealed class OidcFake : IVendorFake
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);

    private readonly OidcTokens _tokens;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, OidcClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OidcAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OidcAccount> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _tokenErrors = new();

    internal OidcFake(TimeProvider clock)
    {
        _clock = clock;
        _tokens = new OidcTokens(clock);
        AddClient(SandboxClient);
    }

    /// <summary>The client registered from the start, for a <c>greenhouse serve</c> tried against <c>greenhouse sandbox</c> (any loopback redirect URI).</summary>
    public static OidcClient SandboxClient { get; } = new("greenhouse-sandbox", "sandbox-oidc-client-secret");

    public string Name => "oidc";

    public bool ServeAtRoot => false;

    /// <summary>When set, <c>/authorize</c> logs this account in without showing its page (a provider where the person is logged in and has consented).</summary>
    public string? AutoLogin { get; set; }

    public OidcTokenFault TokenFault { get; set; }

    /// <summary>Each token request refused, as <c>error: description</c> (<c>invalid_client: …</c>), in order.</summary>
    public IReadOnlyList<string> TokenErrors => [.. _tokenErrors];

    public void AddClient(OidcClient client) => _clients[client.ClientId] = client;

    public void AddAccount(OidcAccount account) => _accounts[account.Email] = account;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/.well-known/openid-configuration", (HttpRequest request) => Discovery(Issuer(request)));
        routes.MapGet("/jwks", () => OidcJson.Write(_tokens.WriteKeys));
        routes.MapGet("/authorize", (HttpRequest request) => Authorize(request, Parameters(request.Query), chosen: null));
        routes.MapPost("/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var parameters = Parameters(form);
            return form.ContainsKey("cancel")
                ? Authorize(request, parameters, chosen: "")
                : Authorize(request, parameters, chosen: form["email"].ToString().Trim());
        }).DisableAntiforgery();
        routes.MapPost("/token", async (HttpRequest request) => Token(request, await request.ReadFormAsync(request.HttpContext.RequestAborted))).DisableAntiforgery();
        routes.MapGet("/userinfo", (HttpRequest request) => UserInfo(request));
    }

    /// <summary>The issuer as the caller reached it (<c>http://127.0.0.1:PORT/oidc</c>), so every URL it advertises is one the caller can reach.</summary>
    private string Issuer(HttpRequest request) => $"{request.Scheme}://{request.Host}/{Name}";

    private static JsonBytesResult Discovery(string issuer) => OidcJson.Write(w =>
    {
        w.WriteString("issuer", issuer);
        w.WriteString("authorization_endpoint", issuer + "/authorize");
        w.WriteString("token_endpoint", issuer + "/token");
        w.WriteString("userinfo_endpoint", issuer + "/userinfo");
        w.WriteString("jwks_uri", issuer + "/jwks");
        OidcJson.Strings(w, "response_types_supported", "code");
        OidcJson.Strings(w, "response_modes_supported", "query", "form_post");
        OidcJson.Strings(w, "grant_types_supported", "authorization_code");
        OidcJson.Strings(w, "subject_types_supported", "public");
        OidcJson.Strings(w, "id_token_signing_alg_values_supported", "RS256");
        OidcJson.Strings(w, "scopes_supported", "openid", "email", "profile");
        OidcJson.Strings(w, "token_endpoint_auth_methods_supported", "client_secret_post", "client_secret_basic");
        OidcJson.Strings(w, "claims_supported", "iss", "sub", "aud", "exp", "iat", "nonce", "email", "email_verified", "name");
        OidcJson.Strings(w, "code_challenge_methods_supported", "S256");
    });

    /// <summary>
    /// <c>/authorize</c>: a bad client or redirect_uri is shown here (never sent to an unchecked URL); any other
    /// problem goes back to the client as <c>error=…</c>. <paramref name="chosen"/>: the account picked on the login
    /// page, "" for Cancel, null when the page was not shown yet.
    /// </summary>
    private IResult Authorize(HttpRequest request, Dictionary<string, string> parameters, string? chosen)
    {
        var clientId = parameters.GetValueOrDefault("client_id");
        if (clientId is null || !_clients.TryGetValue(clientId, out var client))
        {
            return Page(StatusCodes.Status400BadRequest, "Unknown client", $"<p>No application is registered with client_id '{Encode(clientId)}'.</p>");
        }

        var redirectText = parameters.GetValueOrDefault("redirect_uri");
        if (!Uri.TryCreate(redirectText, UriKind.Absolute, out var redirect) || !Registered(client, redirect))
        {
            return Page(StatusCodes.Status400BadRequest, "Bad redirect_uri", $"<p>'{Encode(redirectText)}' is not a redirect URI registered for {Encode(clientId)}.</p>");
        }

        var state = parameters.GetValueOrDefault("state");
        var mode = parameters.GetValueOrDefault("response_mode") ?? "query";
        if (mode is not ("query" or "form_post"))
        {
            return Respond(redirect, "query", ("error", "invalid_request"), ("error_description", "response_mode must be query or form_post"), ("state", state));
        }

        IResult Error(string error, string description) => Respond(redirect, mode, ("error", error), ("error_description", description), ("state", state));
        if (parameters.GetValueOrDefault("response_type") != "code")
        {
            return Error("unsupported_response_type", "only the authorization code flow (response_type=code) is supported");
        }

        if (!(parameters.GetValueOrDefault("scope") ?? "").Split(' ').Contains("openid"))
        {
            return Error("invalid_scope", "the scope must include openid");
        }

        if (parameters.GetValueOrDefault("code_challenge") is not { Length: >= 43 } challenge || parameters.GetValueOrDefault("code_challenge_method") != "S256")
        {
            return Error("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256");
        }

        var email = chosen ?? AutoLogin;
        if (email is null)
        {
            return LoginPage(parameters, clientId);
        }

        if (email.Length == 0)
        {
            return Error("access_denied", "the person cancelled the login");
        }

        var account = _accounts.GetValueOrDefault(email) ?? new OidcAccount(email.ToLowerInvariant(), email, EmailVerified: true);
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new IssuedCode(client.ClientId, redirectText!, challenge, parameters.GetValueOrDefault("nonce"), account, Issuer(request), _clock.GetUtcNow() + CodeLifetime);
        return Respond(redirect, mode, ("code", code), ("state", state));
    }

    private static bool Registered(OidcClient client, Uri redirect) => client.RedirectUris is { } uris
        ? uris.Contains(redirect)
        : redirect.Scheme is "http" or "https" && redirect.IsLoopback && redirect.Fragment.Length == 0;

    /// <summary>Back to the client: a redirect with the parameters in the query, or a page that posts them (<c>form_post</c>).</summary>
    private static IResult Respond(Uri redirect, string mode, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).ToList();
        if (mode == "query")
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirect.ToString(), present.Select(p => KeyValuePair.Create(p.Name, p.Value))));
        }

        var fields = string.Concat(present.Select(p => $"<input type=\"hidden\" name=\"{Encode(p.Name)}\" value=\"{Encode(p.Value)}\">"));
        return Html(StatusCodes.Status200OK, $"<!doctype html><html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{Encode(redirect.ToString())}\">{fields}<noscript><button>Continue</button></noscript></form></body></html>");
    }

    private BytesResult LoginPage(Dictionary<string, string> parameters, string clientId)
    {
        var hidden = string.Concat(parameters.Select(p => $"<input type=\"hidden\" name=\"{Encode(p.Key)}\" value=\"{Encode(p.Value)}\">"));
        var accounts = string.Concat(_accounts.Values.OrderBy(a => a.Email, StringComparer.Ordinal)
            .Select(a => $"<li><button type=\"submit\" name=\"email\" value=\"{Encode(a.Email)}\">{Encode(a.Name)} &lt;{Encode(a.Email)}&gt;</button></li>"));
        return Page(StatusCodes.Status200OK, "Sign in to the sandbox provider", $"""
            <p>{Encode(clientId)} wants to know who you are: your e-mail and name.</p>
            <form method="post">{hidden}<ul class="accounts">{accounts}</ul></form>
            <form method="post">{hidden}
              <label for="email">Another e-mail</label> <input id="email" name="email" type="email">
              <button type="submit">Continue</button>
              <button type="submit" name="cancel" value="1" formnovalidate>Cancel</button>
            </form>
            """);
    }

    /// <summary><c>/token</c>: the authorization code grant, with the client's secret (post or basic) and PKCE's code_verifier.</summary>
    private JsonBytesResult Token(HttpRequest request, IFormCollection form)
    {
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId is null || !_clients.TryGetValue(clientId, out var client)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret ?? ""), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return TokenError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.");
        }

        if (form["grant_type"] != "authorization_code")
        {
            return TokenError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only grant_type=authorization_code is supported.");
        }

        // A code is used once, whatever comes of it.
        if (!_codes.TryRemove(form["code"].ToString(), out var code) || code.ExpiresAt < _clock.GetUtcNow())
        {
            return TokenError(StatusCodes.Status400BadRequest, "invalid_grant", "The code is unknown, expired or already used.");
        }

        if (code.ClientId != client.ClientId)
        {
            return TokenError(StatusCodes.Status400BadRequest, "invalid_grant", "The code was issued to another client.");
        }

        if (form["redirect_uri"] != code.RedirectUri)
        {
            return TokenError(StatusCodes.Status400BadRequest, "invalid_grant", "redirect_uri does not match the one of the authorization request.");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length is < 43 or > 128
            || WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != code.CodeChallenge)
        {
            return TokenError(StatusCodes.Status400BadRequest, "invalid_grant", "PKCE verification failed: the code_verifier does not match the code_challenge.");
        }

        var accessToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = code.Account;
        var idToken = _tokens.IdToken(code.Issuer, client.ClientId, code.Account, code.Nonce, accessToken, TokenFault);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return OidcJson.Write(w =>
        {
            w.WriteString("access_token", accessToken);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", 3600);
            w.WriteString("scope", "openid email profile");
            w.WriteString("id_token", idToken);
        });
    }

    private JsonBytesResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var account))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return OidcJson.Write(w => w.WriteString("error", "invalid_token"), StatusCodes.Status401Unauthorized);
        }

        return OidcJson.Write(w => OidcTokens.WriteProfile(w, account));
    }

    /// <summary>The client's id and secret: HTTP Basic (each part form-urlencoded, RFC 6749 2.3.1), else the form's client_id and client_secret.</summary>
    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private JsonBytesResult TokenError(int status, string error, string description)
    {
        _tokenErrors.Enqueue($"{error}: {description}");
        return OidcJson.Write(w =>
        {
            w.WriteString("error", error);
            w.WriteString("error_description", description);
        }, status);
    }

    private static Dictionary<string, string> Parameters(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.Where(p => p.Key is not ("email" or "cancel" or "__RequestVerificationToken"))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static BytesResult Page(int status, string title, string body) => Html(status, $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)}</title></head>
        <body><main><h1>{Encode(title)}</h1>{body}</main></body></html>
        """);

    private static BytesResult Html(int status, string body) => new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(body));

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private sealed record IssuedCode(string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, OidcAccount Account, string Issuer, DateTimeOffset ExpiresAt);
}
