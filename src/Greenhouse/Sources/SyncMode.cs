namespace Greenhouse.Sources;

public enum SyncMode
{
    /// <summary>From the committed cursor minus the lookback window (or from --since).</summary>
    Incremental,
    /// <summary>Everything from the beginning; rows the source no longer returns are soft-deleted at the end.</summary>
    FullRefresh,
}
