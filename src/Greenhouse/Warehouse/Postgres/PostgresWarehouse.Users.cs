using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The user store: <c>_gh_users</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<bool> AddUserAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.AddUser, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Role });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = user.CreatedAt.ToUniversalTime() });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<UserRecord>> ReadUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadUsers, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.User(r, Instant), cancellationToken);
    }

    public async Task<UserRecord?> FindUserAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.FindUser, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return (await MetadataRows.AllAsync(reader, r => MetadataRows.User(r, Instant), cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> UpdateUserAsync(string email, string role, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.UpdateUser, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = passwordHash });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task SetLoginStateAsync(string email, int failedLogins, DateTimeOffset? lockedUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.SetLoginState, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = failedLogins });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = lockedUntil is { } until ? until.ToUniversalTime() : DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveUserAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.RemoveUser, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
