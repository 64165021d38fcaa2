namespace Greenhouse.Warehouse;

/// <summary>Notification state (<c>_gh_alerts</c>): what is failing or stale since when, and when it was last said.</summary>
public interface IAlertStore
{
    /// <summary>Every open alert, by key.</summary>
    Task<IReadOnlyDictionary<string, AlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts the alert or replaces the one with the same key.</summary>
    Task SaveAlertAsync(AlertRecord alert, CancellationToken cancellationToken = default);

    /// <summary>Removes the alert with this key; nothing happens when there is none.</summary>
    Task DeleteAlertAsync(string key, CancellationToken cancellationToken = default);
}
