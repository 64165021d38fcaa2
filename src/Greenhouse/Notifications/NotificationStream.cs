namespace Greenhouse.Notifications;

/// <summary>One stream's facts in a <see cref="Notification"/>.</summary>
/// <param name="Status">failing, still_failing, recovered, warnings, succeeded, stale, still_stale or fresh.</param>
internal sealed record NotificationStream(
    string Stream,
    string Status,
    int? New = null,
    int? Updated = null,
    int? Unchanged = null,
    int? Deleted = null,
    int? Warnings = null,
    double? Seconds = null,
    string? Error = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? LastSuccess = null)
{
    /// <summary>The source part of <c>stripe.customers</c>.</summary>
    public string Source => Stream.Split('.', 2)[0];
}
