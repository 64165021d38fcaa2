using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>How statuses and modes are spelled in the metadata tables.</summary>
internal static class StoredText
{
    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Partial => "partial",
        RunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus ParseStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "partial" => RunStatus.Partial,
        "interrupted" => RunStatus.Interrupted,
        _ => throw new WarehouseException($"Unknown run status '{text}' in the warehouse's run tables."),
    };

    public static string ModelStatus(ModelRunStatus status) => status switch
    {
        ModelRunStatus.Succeeded => "succeeded",
        ModelRunStatus.Warned => "warned",
        ModelRunStatus.Failed => "failed",
        ModelRunStatus.Skipped => "skipped",
        ModelRunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ModelRunStatus ParseModelStatus(string text) => text switch
    {
        "succeeded" => ModelRunStatus.Succeeded,
        "warned" => ModelRunStatus.Warned,
        "failed" => ModelRunStatus.Failed,
        "skipped" => ModelRunStatus.Skipped,
        "interrupted" => ModelRunStatus.Interrupted,
        _ => throw new WarehouseException($"Unknown model run status '{text}' in _gh_model_runs."),
    };

    public static string Mode(SyncMode mode) => mode switch
    {
        SyncMode.Incremental => "incremental",
        SyncMode.FullRefresh => "full_refresh",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
