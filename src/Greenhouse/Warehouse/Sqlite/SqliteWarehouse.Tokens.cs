namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The token store: <c>_gh_tokens</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<bool> AddTokenAsync(AccessTokenRecord token, string hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return UseAsync(connection =>
        {
            using var command = Command(connection, null, _metadata.AddToken,
                token.Name, token.Role, hash, SqliteTime.ToText(token.CreatedAt), token.ExpiresAt is { } expires ? SqliteTime.ToText(expires) : null);
            return command.ExecuteScalar() is not null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AccessTokenRecord>> ReadTokensAsync(CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.ReadTokens);
        using var reader = command.ExecuteReader();
        return (IReadOnlyList<AccessTokenRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.Token(r, Instant), cancellationToken);
    }, cancellationToken);

    public Task<AccessTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.FindToken, hash);
        using var reader = command.ExecuteReader();
        return (await MetadataRows.AllAsync(reader, r => MetadataRows.Token(r, Instant), cancellationToken)).SingleOrDefault();
    }, cancellationToken);

    public Task<bool> RevokeTokenAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null, _metadata.RevokeToken, name, SqliteTime.ToText(at));
        return command.ExecuteNonQuery() > 0;
    }, cancellationToken);
}
