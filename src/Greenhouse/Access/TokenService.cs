using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Greenhouse.Warehouse;

namespace Greenhouse.Access;

/// <summary>
/// The API tokens <c>serve</c>'s <c>/mcp</c> accepts (<c>greenhouse token add|list|revoke</c>): a token is 32 random
/// bytes shown once; the warehouse keeps only its SHA-256 (a random 256-bit secret needs no slow hash), its name, role
/// and expiry.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed partial class TokenService(IWarehouse warehouse, TimeProvider? clock = null)
{
    /// <summary>What every token starts with, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string Prefix = "gh_";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The roles a token may have: <c>viewer</c> reads; <c>admin</c> may later do what the UI's admins do.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["viewer", "admin"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>Makes a token named <paramref name="name"/>; throws <see cref="ArgumentException"/> for a bad name or role or a name in use.</summary>
    /// <param name="lifetime">How long it is valid (null: until revoked).</param>
    public async Task<IssuedToken> AddAsync(string name, string role, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Token name '{name}' is not allowed: use letters, digits, '_', '.' and '-' (at most 64, starting with a letter or digit).", nameof(name));
        }

        if (!Roles.Contains(role))
        {
            throw new ArgumentException($"Token role '{role}' is not one of {string.Join(", ", Roles)}.", nameof(role));
        }

        if (lifetime is { } span && span <= TimeSpan.Zero)
        {
            throw new ArgumentException("A token's lifetime must be longer than zero.", nameof(lifetime));
        }

        var now = _clock.GetUtcNow();
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new AccessTokenRecord(name, role, now, now + lifetime, null);
        await warehouse.MigrateAsync(cancellationToken);
        if (!await warehouse.AddTokenAsync(record, Hash(token), cancellationToken))
        {
            throw new ArgumentException($"A token named '{name}' already exists and is valid; revoke it first (greenhouse token revoke {name}) or pick another name.", nameof(name));
        }

        return new IssuedToken(token, record);
    }

    public async Task<IReadOnlyList<AccessTokenRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken);
        return await warehouse.ReadTokensAsync(cancellationToken);
    }

    /// <summary>Revokes the token named <paramref name="name"/> at once; false when there is no unrevoked token of that name.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken);
        return await warehouse.RevokeTokenAsync(name, _clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Whether <paramref name="token"/> (as sent, without the <c>Bearer</c> word) is valid now, and if not, why.</summary>
    public async Task<TokenCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Refused("no bearer token; send Authorization: Bearer <token> (make one with greenhouse token add NAME)");
        }

        await warehouse.MigrateAsync(cancellationToken);
        var record = await warehouse.FindTokenAsync(Hash(token.Trim()), cancellationToken);
        var now = _clock.GetUtcNow();
        return record switch
        {
            null => TokenCheck.Refused("the token is not known"),
            { RevokedAt: { } revoked } => TokenCheck.Refused($"the token '{record.Name}' was revoked at {revoked:u}"),
            { ExpiresAt: { } expires } when expires <= now => TokenCheck.Refused($"the token '{record.Name}' expired at {expires:u}"),
            _ => new TokenCheck(record, null),
        };
    }

    /// <summary>The SHA-256 the warehouse keeps of a token, in lower-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
