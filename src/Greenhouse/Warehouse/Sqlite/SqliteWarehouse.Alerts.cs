namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The alert store: <c>_gh_alerts</c>.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<IReadOnlyDictionary<string, AlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.ReadAlerts);
        using var reader = command.ExecuteReader();
        var alerts = await MetadataRows.AllAsync(reader, r => MetadataRows.Alert(r, Instant), cancellationToken);
        return (IReadOnlyDictionary<string, AlertRecord>)alerts.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }, cancellationToken);

    public Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return UseAsync(connection => Execute(connection, null, _metadata.SaveAlert,
            alert.Key,
            alert.Status,
            SqliteTime.ToText(alert.Since),
            alert.LastNotifiedAt is { } notified ? SqliteTime.ToText(notified) : null,
            alert.Detail), cancellationToken);
    }

    public Task DeleteAlertAsync(string key, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.DeleteAlert, key), cancellationToken);
}
