namespace Greenhouse.Warehouse;

/// <summary>The API tokens <c>serve</c> accepts (<c>_gh_tokens</c>), kept as hashes; see <c>Access/TokenService</c>.</summary>
public interface ITokenStore
{
    /// <summary>
    /// Stores a new token under its name; a revoked or expired token of that name is replaced. Returns false, storing
    /// nothing, when a live token already has the name.
    /// </summary>
    Task<bool> AddTokenAsync(AccessTokenRecord token, string hash, CancellationToken cancellationToken = default);

    /// <summary>Every token, by name.</summary>
    Task<IReadOnlyList<AccessTokenRecord>> ReadTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>The token whose SHA-256 is <paramref name="hash"/>, revoked or expired ones included; null when none has it.</summary>
    Task<AccessTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Marks the token revoked at <paramref name="at"/>; false when no unrevoked token has the name.</summary>
    Task<bool> RevokeTokenAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default);
}
