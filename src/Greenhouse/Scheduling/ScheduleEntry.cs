using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>One schedule: a cron in a time zone and the sync it starts (a whole source, or streams with their own schedule).</summary>
public sealed record ScheduleEntry(string Key, CronSchedule Schedule, SyncRequest Request);
