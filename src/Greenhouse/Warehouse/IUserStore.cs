namespace Greenhouse.Warehouse;

/// <summary>The web UI's users (<c>_gh_users</c>), by lower-case e-mail; see <c>Serve/Ui/UserService</c>.</summary>
public interface IUserStore
{
    /// <summary>Stores a new user; false, storing nothing, when the e-mail has one already.</summary>
    Task<bool> AddUserAsync(UserRecord user, CancellationToken cancellationToken = default);

    /// <summary>Every user, by e-mail.</summary>
    Task<IReadOnlyList<UserRecord>> ReadUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>The user with the e-mail; null when none.</summary>
    Task<UserRecord?> FindUserAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's password hash and role, and clears the login throttle; false when there is no such user.</summary>
    Task<bool> UpdateUserAsync(string email, string role, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Records the login throttle's state after a login attempt.</summary>
    Task SetLoginStateAsync(string email, int failedLogins, DateTimeOffset? lockedUntil, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user; false when there is none.</summary>
    Task<bool> RemoveUserAsync(string email, CancellationToken cancellationToken = default);
}
