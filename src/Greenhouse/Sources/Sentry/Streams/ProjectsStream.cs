namespace Greenhouse.Sources.Sentry.Streams;

/// <summary>The organization's projects: <c>GET /api/0/organizations/{org}/projects/</c>, listed whole each run.</summary>
internal static class ProjectsStream
{
    public static readonly SentryStreamDefinition Definition = new(
        "projects",
        "Sentry projects of the organization",
        "projects/",
        "",
        [
            new("slug", ColumnType.Text) { Description = "the project's slug" },
            new("name", ColumnType.Text) { Description = "the project's name" },
            new("platform", ColumnType.Text) { Description = "the project's platform (python, javascript-react, …)" },
            new("date_created", ColumnType.Timestamp, "dateCreated") { Indexed = true, Description = "when the project was created" },
        ]);
}
