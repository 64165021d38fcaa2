namespace Greenhouse.Sources.Sentry.Streams;

/// <summary>The organization's releases: <c>GET /api/0/organizations/{org}/releases/</c>, listed whole each run (no date filter exists).</summary>
internal static class ReleasesStream
{
    public static readonly SentryStreamDefinition Definition = new(
        "releases",
        "Sentry releases of the organization",
        "releases/",
        "",
        [
            new("version", ColumnType.Text) { Description = "the release's version string" },
            new("date_created", ColumnType.Timestamp, "dateCreated") { Indexed = true, Description = "when the release was created in Sentry" },
            new("date_released", ColumnType.Timestamp, "dateReleased") { Description = "when the release was deployed, if recorded" },
            new("new_groups", ColumnType.Integer, "newGroups") { Description = "how many new issues first appeared in the release" },
        ]);
}
