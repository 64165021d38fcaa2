using Greenhouse.Status;

namespace Greenhouse.Config;

/// <summary>
/// A source's or stream's freshness in greenhouse.yml: <c>max_staleness: 12h</c> (a warning past it), or
/// <c>freshness: {warn_after: 12h, error_after: 2d}</c>, the same notion with dbt's two levels.
/// </summary>
internal static class FreshnessConfigReader
{
    public static FreshnessPolicy? Read(ConfigSection section)
    {
        var maxStaleness = section.Duration("max_staleness");
        var freshness = section.Section("freshness", "expected a mapping with warn_after: and/or error_after:, e.g. {warn_after: 12h, error_after: 2d}", s =>
        {
            var policy = new FreshnessPolicy(s.Duration("warn_after"), s.Duration("error_after"), $"{section.FileName} {s.Path}");
            if (!policy.IsSet)
            {
                s.Require("warn_after", "freshness: sets neither warn_after: nor error_after:; set one (e.g. warn_after: 12h) or remove freshness:");
            }
            else if (policy is { WarnAfter: { } warn, ErrorAfter: { } error } && warn >= error)
            {
                throw s.Error("warn_after", $"warn_after ({Duration.Format(warn)}) must be shorter than error_after ({Duration.Format(error)})");
            }

            return policy;
        });
        if (maxStaleness is { } max && freshness is not null)
        {
            throw section.Error("freshness", $"set max_staleness: or freshness:, not both (max_staleness: {Duration.Format(max)} is freshness: {{warn_after: {Duration.Format(max)}}})");
        }

        return maxStaleness is { } limit ? new FreshnessPolicy(limit, null, $"{section.FileName} {section.PathOf("max_staleness")}") : freshness;
    }
}
