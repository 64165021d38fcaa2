using System.Text.Json;
using System.Text.Json.Serialization;
using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>
/// The stable JSON contract of <c>greenhouse status --json</c>: <c>{"now":…,"streams":[{"stream":…,"last_success":…,
/// "staleness_seconds":…,"freshness":"pass|warn|error","rows":n,"last_run":{…}|null}],"models":[{"node":…,"status":…}]}</c>.
/// </summary>
public static class StatusJson
{
    public static string Serialize(DateTimeOffset now, IReadOnlyList<StreamStatus> streams, IReadOnlyList<ModelRunRecord> models) =>
        JsonSerializer.Serialize(
            new StatusJsonDocument(
                now,
                [.. streams.Select(s => new StreamStatusJson(
                    s.Stream,
                    s.LastSuccess,
                    s.Staleness is { } stale ? Math.Round(stale.TotalSeconds, 3) : null,
                    s.MaxStaleness?.TotalSeconds,
                    s.Stale,
                    s.Freshness.ToString().ToLowerInvariant(),
                    s.Rows,
                    s.LastRun is { } run
                        ? new StreamLastRunJson(run.RunId, run.Status.ToString().ToLowerInvariant(), run.Mode, run.New, run.Updated, run.Unchanged, run.Deleted,
                            run.Warnings, run.Pages, run.StartedAt, run.FinishedAt, Math.Round(run.Seconds, 3), run.Error is { } error ? Config.Secrets.Redact(error) : null)
                        : null))],
                [.. models.Select(m => new ModelStatusJson(
                    m.Node, m.Materialization, m.RunId, m.Status.ToString().ToLowerInvariant(), m.RowsAffected, Math.Round(m.Seconds, 3), m.FinishedAt, m.Error))]),
            StatusJsonContext.Default.StatusJsonDocument);
}

public sealed record StatusJsonDocument(DateTimeOffset Now, IReadOnlyList<StreamStatusJson> Streams, IReadOnlyList<ModelStatusJson> Models);

public sealed record StreamStatusJson(
    string Stream,
    DateTimeOffset? LastSuccess,
    double? StalenessSeconds,
    double? MaxStalenessSeconds,
    bool Stale,
    string Freshness,
    long Rows,
    StreamLastRunJson? LastRun);

public sealed record StreamLastRunJson(
    long RunId,
    string Status,
    string Mode,
    int New,
    int Updated,
    int Unchanged,
    int Deleted,
    int Warnings,
    int Pages,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double Seconds,
    string? Error);

public sealed record ModelStatusJson(string Node, string Materialization, long RunId, string Status, long? Rows, double Seconds, DateTimeOffset FinishedAt, string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusJsonDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
