namespace Greenhouse.Warehouse;

/// <summary>
/// One person who may log in to the web UI (a row of <c>_gh_users</c>): their e-mail (stored lower-case, the login
/// name), <paramref name="Role"/> (<c>viewer</c> or <c>admin</c>), the password's hash (ASP.NET Core Identity's
/// format; the password itself is never stored), and the login throttle's state.
/// </summary>
/// <param name="FailedLogins">Failed logins in a row since the last good one.</param>
/// <param name="LockedUntil">No login is accepted before this time (set after too many failures); null: none.</param>
public sealed record UserRecord(string Email, string Role, string PasswordHash, DateTimeOffset CreatedAt, int FailedLogins, DateTimeOffset? LockedUntil);
