using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

internal sealed partial class PostgresWarehouse
{
    public async Task<bool> TryClaimSlotAsync(string key, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_schema}._gh_schedule AS s (key, last_slot, claimed_at) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET last_slot = excluded.last_slot, claimed_at = excluded.claimed_at
            WHERE s.last_slot < excluded.last_slot
            RETURNING 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = slot.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
