namespace Greenhouse.Sources.Sentry.Streams;

/// <summary>
/// Issues of every status (<c>query=</c>; the default is <c>is:unresolved</c>) seen in the run's window, newest
/// activity first: <c>GET /api/0/organizations/{org}/issues/?query=&amp;sort=date&amp;start=…&amp;end=…</c>.
/// <c>count</c> is a string in the API; it lands as an integer when it parses (else null, a warning, and the raw JSON keeps it).
/// </summary>
internal static class IssuesStream
{
    public static readonly SentryStreamDefinition Definition = new(
        "issues",
        "issues/",
        "query=&sort=date",
        [
            new("short_id", ColumnType.Text, "shortId"),
            new("title", ColumnType.Text),
            new("culprit", ColumnType.Text),
            new("status", ColumnType.Text),
            new("level", ColumnType.Text),
            new("count", ColumnType.Integer),
            new("user_count", ColumnType.Integer, "userCount"),
            new("first_seen", ColumnType.Timestamp, "firstSeen"),
            new("last_seen", ColumnType.Timestamp, "lastSeen"),
            new("project_slug", ColumnType.Text, "project.slug"),
            new("permalink", ColumnType.Text),
        ],
        Windowed: true);
}
