namespace Greenhouse.Sources.Sentry.Streams;

/// <summary>The organization's releases: <c>GET /api/0/organizations/{org}/releases/</c>, listed whole each run (no date filter exists).</summary>
internal static class ReleasesStream
{
    public static readonly SentryStreamDefinition Definition = new(
        "releases",
        "releases/",
        "",
        [
            new("version", ColumnType.Text),
            new("date_created", ColumnType.Timestamp, "dateCreated"),
            new("date_released", ColumnType.Timestamp, "dateReleased"),
            new("new_groups", ColumnType.Integer, "newGroups"),
        ]);
}
