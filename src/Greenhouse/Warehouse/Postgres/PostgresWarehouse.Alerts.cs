using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The alert store: <c>_gh_alerts</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<IReadOnlyDictionary<string, AlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadAlerts, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = await MetadataRows.AllAsync(reader, r => MetadataRows.Alert(r, Instant), cancellationToken);
        return alerts.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    public async Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.SaveAlert, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Status });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = alert.Since.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = alert.LastNotifiedAt is { } notified ? notified.ToUniversalTime() : DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)alert.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAlertAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, _metadata.DeleteAlert, cancellationToken, key);
    }
}
