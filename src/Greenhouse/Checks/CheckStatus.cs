namespace Greenhouse.Checks;

/// <summary>How one run of a check ended, as <c>_gh_check_runs.status</c> stores it (<see cref="CheckText.Status"/>).</summary>
public enum CheckStatus
{
    /// <summary>No failing rows.</summary>
    Pass,

    /// <summary>Failing rows, and the check's severity is warn.</summary>
    Warn,

    /// <summary>Failing rows, and the check's severity is error.</summary>
    Error,

    /// <summary>The check could not run (its SQL does not render or the database refused it); its rows are left as they were.</summary>
    RuntimeError,
}
