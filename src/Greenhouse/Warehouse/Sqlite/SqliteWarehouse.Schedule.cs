namespace Greenhouse.Warehouse.Sqlite;

internal sealed partial class SqliteWarehouse
{
    public Task<bool> TryClaimSlotAsync(string key, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection =>
        {
            using var command = Command(connection, null, """
                INSERT INTO _gh_schedule AS s (key, last_slot, claimed_at) VALUES ($1, $2, $3)
                ON CONFLICT (key) DO UPDATE SET last_slot = excluded.last_slot, claimed_at = excluded.claimed_at
                WHERE s.last_slot < excluded.last_slot
                RETURNING 1
                """, key, SqliteTime.ToText(slot), SqliteTime.ToText(now));
            return command.ExecuteScalar() is not null;
        }, cancellationToken);
}
