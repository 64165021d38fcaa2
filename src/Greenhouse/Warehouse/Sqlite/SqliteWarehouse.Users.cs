namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The user store: <c>_gh_users</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<bool> AddUserAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return UseAsync(connection =>
        {
            using var command = Command(connection, null, _metadata.AddUser, user.Email, user.Role, user.PasswordHash, SqliteTime.ToText(user.CreatedAt));
            return command.ExecuteScalar() is not null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<UserRecord>> ReadUsersAsync(CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.ReadUsers);
        using var reader = command.ExecuteReader();
        return (IReadOnlyList<UserRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.User(r, Instant), cancellationToken);
    }, cancellationToken);

    public Task<UserRecord?> FindUserAsync(string email, CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.FindUser, email);
        using var reader = command.ExecuteReader();
        return (await MetadataRows.AllAsync(reader, r => MetadataRows.User(r, Instant), cancellationToken)).SingleOrDefault();
    }, cancellationToken);

    public Task<bool> UpdateUserAsync(string email, string role, string passwordHash, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null, _metadata.UpdateUser, email, role, passwordHash);
        return command.ExecuteNonQuery() > 0;
    }, cancellationToken);

    public Task SetLoginStateAsync(string email, int failedLogins, DateTimeOffset? lockedUntil, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null, _metadata.SetLoginState, email, failedLogins, lockedUntil is { } until ? SqliteTime.ToText(until) : null);
        return command.ExecuteNonQuery();
    }, cancellationToken);

    public Task<bool> RemoveUserAsync(string email, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null, _metadata.RemoveUser, email);
        return command.ExecuteNonQuery() > 0;
    }, cancellationToken);
}
