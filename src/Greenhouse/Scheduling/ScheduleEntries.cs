using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>The schedules a config describes: one per source, plus one per group of streams that set their own.</summary>
public static class ScheduleEntries
{
    public static IReadOnlyList<ScheduleEntry> From(GreenhouseConfig config)
    {
        var entries = new List<ScheduleEntry>();
        foreach (var source in config.Sources)
        {
            var timeZone = source.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
            var streams = Connectors.All[source.Type].StreamsFor(source)
                .Select(d => d.Name)
                .Where(name => source.Streams is null || source.Streams.Contains(name))
                .ToList();
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

        return entries;
    }
}
