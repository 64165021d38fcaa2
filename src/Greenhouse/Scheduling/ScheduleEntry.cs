using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>
/// One schedule: a cron in a time zone and the sync it starts (a whole source, or streams with their own schedule),
/// or, with <see cref="IsTransform"/>, a full build of the transform project (<c>transform: {schedule: ...}</c>),
/// or, with <see cref="Check"/>, one check with a <c>schedule:</c> of its own.
/// </summary>
public sealed record ScheduleEntry(string Key, CronSchedule Schedule, SyncRequest Request)
{
    public bool IsTransform { get; init; }

    /// <summary>The check this schedule runs (<c>checks/*.yml</c>'s <c>schedule:</c>); null for syncs and the transform.</summary>
    public string? Check { get; init; }

    /// <summary>The key of a check's own schedule.</summary>
    public static string CheckKey(string check) => $"check:{check}";

    /// <summary>The key of the transform's own schedule.</summary>
    public const string TransformKey = "transform";
}
