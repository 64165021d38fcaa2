namespace Greenhouse.Warehouse;

/// <summary>A batch may hold an id more than once (an object changed twice within a page of events).</summary>
internal static class NewestRows
{
    /// <summary>One row per id, in batch order: the one with the greatest AsOf, the later one on ties.</summary>
    public static IReadOnlyList<RecordRow> Of(IReadOnlyList<RecordRow> rows)
    {
        var newest = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!newest.TryGetValue(rows[i].Id, out var kept) || rows[i].AsOf >= rows[kept].AsOf)
            {
                newest[rows[i].Id] = i;
            }
        }

        if (newest.Count == rows.Count)
        {
            return rows;
        }

        var distinct = new List<RecordRow>(newest.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (newest[rows[i].Id] == i)
            {
                distinct.Add(rows[i]);
            }
        }

        return distinct;
    }
}
