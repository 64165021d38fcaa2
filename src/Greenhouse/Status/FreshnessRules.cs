using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Project;

namespace Greenhouse.Status;

/// <summary>
/// Each configured stream's <see cref="FreshnessPolicy"/>: what the transform project's declared sources say for it
/// (dbt's <c>freshness:</c>), else its greenhouse.yml <c>max_staleness:</c>/<c>freshness:</c>, else none.
/// </summary>
public sealed class FreshnessRules
{
    private readonly GreenhouseConfig _config;
    private readonly IReadOnlyDictionary<string, FreshnessPolicy> _project;

    private FreshnessRules(GreenhouseConfig config, IReadOnlyDictionary<string, FreshnessPolicy> project, string? problem)
    {
        _config = config;
        _project = project;
        Problem = problem;
    }

    /// <summary>
    /// Why the transform project's freshness could not be read (its file and problem), so only greenhouse.yml's
    /// applies; null when it was read or there is no project.
    /// </summary>
    public string? Problem { get; }

    /// <summary>Reads the rules of <paramref name="config"/>: its own, and its transform project's sources when it has one.</summary>
    public static FreshnessRules Load(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Transform is not { } transform)
        {
            return new FreshnessRules(config, new Dictionary<string, FreshnessPolicy>(), null);
        }

        try
        {
            var project = ProjectLoader.Load(transform.ProjectPath);
            return new FreshnessRules(config, SourceFreshness.Read(project, [.. SyncPlan.For(config).Streams], config.Schema), null);
        }
        catch (ProjectException e)
        {
            return new FreshnessRules(config, new Dictionary<string, FreshnessPolicy>(), $"{e.Message} Freshness from greenhouse.yml applies meanwhile.");
        }
    }

    /// <summary>The stream's policy.</summary>
    public FreshnessPolicy For(StreamDescriptor stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _project.TryGetValue(stream.FullName, out var own) ? own : _config.Source(stream.Source).FreshnessOf(stream.Name);
    }
}
