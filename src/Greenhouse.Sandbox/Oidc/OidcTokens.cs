using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Greenhouse.Sandbox.Oidc;

/// <summary>The fake provider's signing key (RSA 2048, made at start, published as a JWK) and the RS256 id_tokens it signs.</summary>
internal sealed class OidcTokens
{
    public const string KeyId = "sandbox-rsa-1";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly TimeProvider _clock;
    private readonly RSAParameters _public;
    private readonly SigningCredentials _signing;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public OidcTokens(TimeProvider clock)
    {
        _clock = clock;
        using var rsa = RSA.Create(2048);
        _public = rsa.ExportParameters(includePrivateParameters: false);
        _signing = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The JWK Set: <c>{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}]}</c>.</summary>
    public void WriteKeys(Utf8JsonWriter w)
    {
        w.WriteStartArray("keys");
        w.WriteStartObject();
        w.WriteString("kty", "RSA");
        w.WriteString("use", "sig");
        w.WriteString("alg", "RS256");
        w.WriteString("kid", KeyId);
        w.WriteString("n", WebEncoders.Base64UrlEncode(_public.Modulus!));
        w.WriteString("e", WebEncoders.Base64UrlEncode(_public.Exponent!));
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>An id_token for <paramref name="account"/>: iss, sub, aud, iat, exp, nonce, at_hash, email, email_verified, name; broken as <paramref name="fault"/> says.</summary>
    public string IdToken(string issuer, string audience, OidcAccount account, string? nonce, string accessToken, OidcTokenFault fault)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var issuedAt = fault == OidcTokenFault.Expired ? now - (2 * Lifetime) : now;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = Subject(account.Email),
            ["at_hash"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
            ["email"] = account.Email,
            ["name"] = account.Name,
        };
        if (account.EmailVerified is { } verified)
        {
            claims["email_verified"] = verified;
        }

        if ((fault == OidcTokenFault.WrongNonce ? "not-the-nonce-that-was-sent" : nonce) is { } sent)
        {
            claims["nonce"] = sent;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = fault == OidcTokenFault.WrongIssuer ? "https://evil.example" : issuer,
            Audience = fault == OidcTokenFault.WrongAudience ? "another-client" : audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + Lifetime,
            Claims = claims,
            SigningCredentials = _signing,
        });
        return fault == OidcTokenFault.Tampered ? Tamper(token) : token;
    }

    /// <summary>The profile claims <c>/userinfo</c> answers (and the id_token carries).</summary>
    public static void WriteProfile(Utf8JsonWriter w, OidcAccount account)
    {
        w.WriteString("sub", Subject(account.Email));
        w.WriteString("email", account.Email);
        if (account.EmailVerified is { } verified)
        {
            w.WriteBoolean("email_verified", verified);
        }

        w.WriteString("name", account.Name);
    }

    /// <summary>A stable, opaque subject per e-mail, as a provider's user id is.</summary>
    private static string Subject(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..20];

    /// <summary>The same header and signature over a payload whose e-mail is someone else's.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1]));
        using var document = JsonDocument.Parse(payload);
        var email = document.RootElement.GetProperty("email").GetString()!;
        parts[1] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.Replace(email, "admin" + email[email.IndexOf('@', StringComparison.Ordinal)..], StringComparison.Ordinal)));
        return string.Join('.', parts);
    }
}
