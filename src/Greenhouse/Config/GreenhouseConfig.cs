namespace Greenhouse.Config;

/// <summary>A loaded, validated <c>greenhouse.yml</c>.</summary>
/// <param name="Warehouse">The warehouse spec: <c>sqlite:/abs/path.db</c>, a PostgreSQL URL or an Npgsql connection string.</param>
/// <param name="Schema">The schema landed data lives in (PostgreSQL); the table prefix in SQLite.</param>
public sealed record GreenhouseConfig(
    string Path,
    string Warehouse,
    string Schema,
    WhenRunning WhenRunning,
    IReadOnlyList<SourceConfig> Sources);
