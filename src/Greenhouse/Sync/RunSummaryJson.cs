using System.Text.Json;
using System.Text.Json.Serialization;
using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>
/// The stable JSON contract of a run summary (<c>greenhouse sync --json</c>):
/// <c>{"run_id":…,"status":"succeeded|failed|partial|interrupted","streams":[{"stream":…,"status":…,"new":n,…,"error":null}]}</c>.
/// </summary>
public static class RunSummaryJson
{
    public static string Serialize(RunSummary summary) =>
        JsonSerializer.Serialize(ToDocument(summary), RunSummaryJsonContext.Default.RunSummaryDocument);

    public static RunSummaryDocument ToDocument(RunSummary summary) => new(
        summary.RunId,
        summary.Status.ToString().ToLowerInvariant(),
        Math.Round(summary.Duration.TotalSeconds, 3),
        [.. summary.Streams.Select(s => new StreamSummaryDocument(
            s.Stream,
            s.Status.ToString().ToLowerInvariant(),
            s.Mode == SyncMode.FullRefresh ? "full_refresh" : "incremental",
            s.Resumed,
            s.Counts.New,
            s.Counts.Updated,
            s.Counts.Unchanged,
            s.Counts.Deleted,
            s.Warnings,
            s.Pages,
            s.Records,
            Math.Round(s.Duration.TotalSeconds, 3),
            s.Error))]);
}

public sealed record RunSummaryDocument(long RunId, string Status, double Seconds, IReadOnlyList<StreamSummaryDocument> Streams);

public sealed record StreamSummaryDocument(
    string Stream,
    string Status,
    string Mode,
    bool Resumed,
    int New,
    int Updated,
    int Unchanged,
    int Deleted,
    int Warnings,
    int Pages,
    int Records,
    double Seconds,
    string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunSummaryDocument))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;
