namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The state store: <c>_gh_state</c> (and the seen ids a reset forgets).</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.ReadState, stream);
        using var reader = command.ExecuteReader();
        return (IReadOnlyList<StateEntry>)await MetadataRows.AllAsync(reader, r => MetadataRows.State(r, Instant), cancellationToken);
    }, cancellationToken);

    public Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var removed = Execute(connection, transaction, _metadata.DeleteState, stream);
        Execute(connection, transaction, _metadata.DeleteSeen, stream);
        transaction.Commit();
        return removed;
    }, cancellationToken);
}
