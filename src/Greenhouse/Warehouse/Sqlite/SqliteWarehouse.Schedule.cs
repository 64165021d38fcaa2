namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The schedule store: <c>_gh_schedule</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<bool> TryClaimSlotAsync(string key, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection =>
        {
            using var command = Command(connection, null, _metadata.ClaimSlot, key, SqliteTime.ToText(slot), SqliteTime.ToText(now));
            return command.ExecuteScalar() is not null;
        }, cancellationToken);
}
