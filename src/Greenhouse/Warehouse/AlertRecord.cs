namespace Greenhouse.Warehouse;

/// <summary>
/// One open alert (a row of <c>_gh_alerts</c>): <paramref name="Key"/> names what and which stream
/// (<c>failing:stripe.customers</c>, <c>stale:stripe.customers</c>), <paramref name="Status"/> its kind,
/// <paramref name="Since"/> when it began, <paramref name="LastNotifiedAt"/> when a channel was last told
/// (null: nobody has been told yet) and <paramref name="Detail"/> the latest error or reason.
/// </summary>
public sealed record AlertRecord(string Key, string Status, DateTimeOffset Since, DateTimeOffset? LastNotifiedAt, string? Detail);
