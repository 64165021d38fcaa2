namespace Greenhouse.Warehouse;

/// <summary>What a batch changed. Unchanged rows were not rewritten.</summary>
public readonly record struct BatchCounts(int New, int Updated, int Unchanged, int Deleted)
{
    public static BatchCounts operator +(BatchCounts a, BatchCounts b) =>
        new(a.New + b.New, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Deleted + b.Deleted);
}
