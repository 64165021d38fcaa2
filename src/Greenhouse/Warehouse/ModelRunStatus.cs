namespace Greenhouse.Warehouse;

/// <summary>How one node of a transform run ended, stored as lower-case text in <c>_gh_model_runs</c>.</summary>
public enum ModelRunStatus
{
    Succeeded,
    Failed,
    /// <summary>Not run: a node it depends on failed or was not built, or the run was cancelled first.</summary>
    Skipped,
    /// <summary>Stopped while it ran (the run was cancelled); the previous relation is still in place.</summary>
    Interrupted,
}
