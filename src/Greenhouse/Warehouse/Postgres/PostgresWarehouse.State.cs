using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The state store: <c>_gh_state</c> (and the seen ids a reset forgets).</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadState, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stream ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.State(r, Instant), cancellationToken);
    }

    public async Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var reset = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(_metadata.DeleteState, stream),
                Command(_metadata.DeleteSeen, stream),
            },
        };
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await reset.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reset.BatchCommands[0].RecordsAffected;
    }
}
