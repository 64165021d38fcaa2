using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The schedule store: <c>_gh_schedule</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<bool> TryClaimSlotAsync(string key, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ClaimSlot, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = slot.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
