using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>A stream's progress after a committed page.</summary>
public readonly record struct StreamProgress(string Stream, int Pages, int Records, BatchCounts Counts, int Warnings, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;
}
