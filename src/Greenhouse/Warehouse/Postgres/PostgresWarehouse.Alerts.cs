using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The alert store: <c>_gh_alerts</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<IReadOnlyDictionary<string, AlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT key, status, since, last_notified_at, detail FROM {_schema}._gh_alerts ORDER BY key", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new Dictionary<string, AlertRecord>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            alerts[key] = new AlertRecord(
                key,
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return alerts;
    }

    public async Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_schema}._gh_alerts (key, status, since, last_notified_at, detail) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key) DO UPDATE SET status = excluded.status, since = excluded.since,
                last_notified_at = excluded.last_notified_at, detail = excluded.detail
            """, connection);
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
        await ExecuteAsync(connection, $"DELETE FROM {_schema}._gh_alerts WHERE key = $1", cancellationToken, key);
    }
}
