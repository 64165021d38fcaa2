namespace Greenhouse.Warehouse;

/// <summary>Schedule slots (<c>_gh_schedule</c>): which due time of which schedule has been run, across processes.</summary>
public interface IScheduleStore;
