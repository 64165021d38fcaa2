using Greenhouse.Scheduling;

namespace Greenhouse.Serve;

/// <summary>How an embedded or standalone Greenhouse host behaves.</summary>
public sealed record ServeOptions
{
    /// <summary>Run the scheduler (false: only webhooks and status, e.g. in a web app that syncs elsewhere).</summary>
    public bool Schedule { get; init; } = true;

    public SchedulerOptions Scheduler { get; init; } = new();
}
