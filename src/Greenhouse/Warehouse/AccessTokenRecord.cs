namespace Greenhouse.Warehouse;

/// <summary>
/// One API token (a row of <c>_gh_tokens</c>): its <paramref name="Name"/>, <paramref name="Role"/> (<c>viewer</c> or
/// <c>admin</c>), when it was made, when it expires (null: never) and when it was revoked (null: it was not). The
/// token itself is never stored, only its SHA-256.
/// </summary>
public sealed record AccessTokenRecord(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
