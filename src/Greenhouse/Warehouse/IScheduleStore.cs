namespace Greenhouse.Warehouse;

/// <summary>Schedule slots (<c>_gh_schedule</c>): which due time of which schedule has been run, across processes.</summary>
public interface IScheduleStore
{
    /// <summary>
    /// Records that <paramref name="slot"/> of schedule <paramref name="key"/> is being run, unless that slot or a later
    /// one already was. Atomic: of several processes claiming the same slot, exactly one gets true.
    /// </summary>
    Task<bool> TryClaimSlotAsync(string key, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken = default);
}
