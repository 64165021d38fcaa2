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
        "Sentry issues: groups of similar error events, of every status",
        "issues/",
        "query=&sort=date",
        [
            new("short_id", ColumnType.Text, "shortId") { Description = "the issue's short id (PROJECT-1A)" },
            new("title", ColumnType.Text) { Description = "the issue's title, usually the error type and message" },
            new("culprit", ColumnType.Text) { Description = "where the error happened (a function or URL)" },
            new("status", ColumnType.Text) { Description = "resolved, unresolved or ignored" },
            new("level", ColumnType.Text) { Description = "the events' level: fatal, error, warning, info or debug" },
            new("count", ColumnType.Integer) { Description = "how many events the issue has" },
            new("user_count", ColumnType.Integer, "userCount") { Description = "how many users the issue affected" },
            new("first_seen", ColumnType.Timestamp, "firstSeen") { Indexed = true, Description = "when the issue's first event happened" },
            new("last_seen", ColumnType.Timestamp, "lastSeen") { Description = "when the issue's latest event happened" },
            new("project_slug", ColumnType.Text, "project.slug") { Indexed = true, Description = "the slug of the issue's project" },
            new("permalink", ColumnType.Text) { Description = "the issue's web URL" },
        ],
        Windowed: true);
}
