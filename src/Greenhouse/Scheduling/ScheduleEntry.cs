using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>
/// One schedule: a cron in a time zone and the sync it starts (a whole source, or streams with their own schedule),
/// or, with <see cref="IsTransform"/>, a full build of the transform project (<c>transform: {schedule: ...}</c>).
/// </summary>
public sealed record ScheduleEntry(string Key, CronSchedule Schedule, SyncRequest Request)
{
    public bool IsTransform { get; init; }

    /// <summary>The key of the transform's own schedule.</summary>
    public const string TransformKey = "transform";
}
