using System.Globalization;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform;

/// <summary>
/// The freshness a dbt project's declared sources set for the landed streams they name:
/// <c>freshness: {warn_after: {count: 12, period: hour}, error_after: {count: 1, period: day}}</c> on a source, or on
/// one of its tables, whose own (even <c>freshness: null</c>) replaces the source's, as in dbt. It is answered from
/// Greenhouse's sync records, so <c>loaded_at_field</c> and <c>filter</c> are not needed and not read.
/// </summary>
public static class SourceFreshness
{
    private static readonly string[] Periods = ["minute", "hour", "day"];

    /// <summary>Each landed stream a declared source table sets freshness for, by its full name (<c>stripe.customers</c>).</summary>
    /// <exception cref="ProjectException">A <c>freshness:</c> that is not dbt's shape, naming the file, source and table.</exception>
    public static IReadOnlyDictionary<string, FreshnessPolicy> Read(DbtProject project, IReadOnlyList<StreamDescriptor> streams, string rawSchema)
    {
        ArgumentNullException.ThrowIfNull(project);
        var policies = new Dictionary<string, FreshnessPolicy>(StringComparer.Ordinal);
        foreach (var source in project.Sources)
        {
            // A source names landed streams by its own name (stripe.customers) or as the raw schema (raw.stripe_customers, as `transform sources` writes it).
            var landedAs = source.Schema is null ? source.Name : source.Schema == rawSchema ? rawSchema : null;
            foreach (var table in landedAs is null ? [] : source.Tables)
            {
                var value = table.FreshnessSet ? table.Freshness : source.Freshness;
                if ((value is null && !table.FreshnessSet)
                    || SourceResolver.Landed(streams, rawSchema, landedAs!, table.Identifier ?? table.Name) is not { } stream)
                {
                    continue;
                }

                policies[stream.FullName] = Parse(value, $"{source.File}: source '{source.Name}' table '{table.Name}'");
            }
        }

        return policies;
    }

    private static FreshnessPolicy Parse(object? value, string where)
    {
        if (value is null)
        {
            return FreshnessPolicy.None with { SetIn = where };
        }

        if (value is not TemplateDictionary freshness)
        {
            throw new ProjectException($"{where}: freshness: expected a mapping such as {{warn_after: {{count: 12, period: hour}}}}.");
        }

        var policy = new FreshnessPolicy(After(freshness, "warn_after", where), After(freshness, "error_after", where), where);
        return policy is { WarnAfter: { } warn, ErrorAfter: { } error } && warn >= error
            ? throw new ProjectException($"{where}: freshness: warn_after ({Duration.Format(warn)}) must be shorter than error_after ({Duration.Format(error)}).")
            : policy;
    }

    /// <summary><c>{count: 12, period: hour}</c> as a time span; null when absent or its count is null (dbt's way to leave a level unset).</summary>
    private static TimeSpan? After(TemplateDictionary freshness, string key, string where)
    {
        if (!freshness.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is not TemplateDictionary after)
        {
            throw new ProjectException($"{where}: freshness.{key}: expected {{count: N, period: minute|hour|day}}.");
        }

        if (!after.TryGetValue("count", out var count) || count is null)
        {
            return null;
        }

        if (count is not long n || n <= 0)
        {
            throw new ProjectException($"{where}: freshness.{key}.count: {Convert.ToString(count, CultureInfo.InvariantCulture)} is not a whole number above 0.");
        }

        var period = after.TryGetValue("period", out var p) ? p as string : null;
        return period switch
        {
            "minute" => TimeSpan.FromMinutes(n),
            "hour" => TimeSpan.FromHours(n),
            "day" => TimeSpan.FromDays(n),
            null => throw new ProjectException($"{where}: freshness.{key}.period: missing; write one of {string.Join(", ", Periods)}."),
            _ => throw new ProjectException($"{where}: freshness.{key}.period: '{period}' is not one of {string.Join(", ", Periods)}.{DidYouMean.Hint(period, Periods)}"),
        };
    }
}
