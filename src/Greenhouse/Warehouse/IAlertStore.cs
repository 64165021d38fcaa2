namespace Greenhouse.Warehouse;

/// <summary>Notification state (<c>_gh_alerts</c>): what is failing or stale since when, and when it was last said.</summary>
public interface IAlertStore;
