namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The alert store: <c>_gh_alerts</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<IReadOnlyDictionary<string, AlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null, "SELECT key, status, since, last_notified_at, detail FROM _gh_alerts ORDER BY key");
        using var reader = command.ExecuteReader();
        var alerts = new Dictionary<string, AlertRecord>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var key = reader.GetString(0);
            alerts[key] = new AlertRecord(
                key,
                reader.GetString(1),
                SqliteTime.Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : SqliteTime.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return (IReadOnlyDictionary<string, AlertRecord>)alerts;
    }, cancellationToken);

    public Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return UseAsync(connection => Execute(connection, null, """
            INSERT INTO _gh_alerts (key, status, since, last_notified_at, detail) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key) DO UPDATE SET status = excluded.status, since = excluded.since,
                last_notified_at = excluded.last_notified_at, detail = excluded.detail
            """,
            alert.Key,
            alert.Status,
            SqliteTime.ToText(alert.Since),
            alert.LastNotifiedAt is { } notified ? SqliteTime.ToText(notified) : null,
            alert.Detail), cancellationToken);
    }

    public Task DeleteAlertAsync(string key, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, "DELETE FROM _gh_alerts WHERE key = $1", key), cancellationToken);
}
