namespace Greenhouse.Warehouse;

/// <summary>How one node of a transform run ended, stored as lower-case text in <c>_gh_model_runs</c>.</summary>
public enum ModelRunStatus
{
    Succeeded,
    /// <summary>A data test whose failing rows matched its <c>warn_if</c> (or any, with <c>severity: warn</c>): it ran, and what depends on it still runs.</summary>
    Warned,
    /// <summary>Did not build; for a data test, its error-severity threshold was met or its query failed.</summary>
    Failed,
    /// <summary>Not run: a node it depends on failed or was not built, or the run was cancelled first.</summary>
    Skipped,
    /// <summary>Stopped while it ran (the run was cancelled); the previous relation is still in place.</summary>
    Interrupted,
}
