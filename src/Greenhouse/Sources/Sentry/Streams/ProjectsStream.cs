namespace Greenhouse.Sources.Sentry.Streams;

/// <summary>The organization's projects: <c>GET /api/0/organizations/{org}/projects/</c>, listed whole each run.</summary>
internal static class ProjectsStream
{
    public static readonly SentryStreamDefinition Definition = new(
        "projects",
        "projects/",
        "",
        [
            new("slug", ColumnType.Text),
            new("name", ColumnType.Text),
            new("platform", ColumnType.Text),
            new("date_created", ColumnType.Timestamp, "dateCreated"),
        ]);
}
