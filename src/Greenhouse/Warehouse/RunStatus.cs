namespace Greenhouse.Warehouse;

/// <summary>Status of a run or of one stream in it, stored as lower-case text.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    /// <summary>Some streams succeeded and some failed.</summary>
    Partial,
    /// <summary>The process was killed or cancelled before it finished.</summary>
    Interrupted,
}
