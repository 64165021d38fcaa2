namespace Greenhouse.Scheduling;

/// <summary>How the scheduler retries failed runs and how often it checks freshness.</summary>
public sealed record SchedulerOptions
{
    /// <summary>First delay before retrying a failed run; it doubles (with jitter) up to <see cref="MaxRetries"/> times, within the period.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxRetries { get; init; } = 5;

    public TimeSpan FreshnessInterval { get; init; } = TimeSpan.FromMinutes(1);
}
