using Greenhouse.Config;

namespace Greenhouse.Notifications;

/// <summary>
/// One message, before a channel renders it: a <see cref="Title"/> line and plain-text <see cref="Lines"/>,
/// plus the facts a generic webhook receives as JSON.
/// </summary>
/// <param name="Kind">failing, recovered, warnings, succeeded, stale or fresh.</param>
internal sealed record Notification(
    NotificationLevel Level,
    string Kind,
    string Title,
    IReadOnlyList<string> Lines,
    IReadOnlyList<NotificationStream> Streams,
    long? RunId,
    DateTimeOffset At)
{
    /// <summary>The sources of the streams, in order of first appearance.</summary>
    public IReadOnlyList<string> Sources => [.. Streams.Select(s => s.Source).Distinct(StringComparer.Ordinal)];

    public string PlainText => Title + "\n" + string.Join("\n", Lines);
}
