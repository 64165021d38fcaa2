using Greenhouse.Config;
using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>
/// The schedules a config describes: one per source, plus one per group of streams that set their own, the transform's
/// and each check's own (a bad checks file stops here with its <see cref="ConfigException"/>).
/// </summary>
public static class ScheduleEntries
{
    public static IReadOnlyList<ScheduleEntry> From(GreenhouseConfig config)
    {
        var entries = new List<ScheduleEntry>();
        foreach (var plan in SyncPlan.For(config).Sources)
        {
            var source = plan.Config;
            var timeZone = source.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
            if (plan.Unavailable is not null)
            {
                // It cannot list its streams (a CSV folder that is gone): its scheduled runs fail with the reason, as a sync's does.
                if (source.Schedule is { } sourceCron)
                {
                    entries.Add(new ScheduleEntry(source.Name, CronSchedule.Parse(sourceCron, timeZone), new SyncRequest(Sources: [source.Name], Trigger: "schedule")));
                }

                continue;
            }

            var streams = plan.Streams.Select(d => d.Name).ToList();
            foreach (var group in streams.GroupBy(source.ScheduleOf))
            {
                if (group.Key is not { } cron)
                {
                    continue;
                }

                var schedule = CronSchedule.Parse(cron, timeZone);
                var ownSchedule = cron != source.Schedule;
                entries.Add(ownSchedule
                    ? new ScheduleEntry($"{source.Name}:{cron}", schedule, new SyncRequest(Streams: [.. group.Select(s => $"{source.Name}.{s}")], Trigger: "schedule"))
                    : new ScheduleEntry(source.Name, schedule, new SyncRequest(Sources: [source.Name], Streams: group.Count() == streams.Count ? null : [.. group.Select(s => $"{source.Name}.{s}")], Trigger: "schedule")));
            }
        }

        if (config.Transform is { Schedule: { } transformCron })
        {
            entries.Add(new ScheduleEntry(ScheduleEntry.TransformKey, CronSchedule.Parse(transformCron, TimeZoneInfo.Utc), new SyncRequest(Trigger: "schedule"))
            {
                IsTransform = true,
            });
        }

        foreach (var check in Checks.CheckLoader.Load(config).Where(c => c.Schedule is not null))
        {
            entries.Add(new ScheduleEntry(ScheduleEntry.CheckKey(check.Name), CronSchedule.Parse(check.Schedule!, TimeZoneInfo.Utc), new SyncRequest(Trigger: "schedule"))
            {
                Check = check.Name,
            });
        }

        return entries;
    }
}
