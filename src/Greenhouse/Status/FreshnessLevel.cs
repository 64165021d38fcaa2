namespace Greenhouse.Status;

/// <summary>How late a stream is against its <see cref="FreshnessPolicy"/>, in dbt's words for source freshness.</summary>
public enum FreshnessLevel
{
    /// <summary>Within its limits, or it has none.</summary>
    Pass,

    /// <summary>Past <c>warn_after</c> (greenhouse.yml's <c>max_staleness</c>).</summary>
    Warn,

    /// <summary>Past <c>error_after</c>.</summary>
    Error,
}
