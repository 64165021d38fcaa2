namespace Greenhouse.Sandbox.Stripe;

/// <summary>The records of one resource, sorted by (created, id) ascending, with an id index. Not thread-safe.</summary>
internal sealed class StripeStore
{
    private readonly List<StripeRecord> _sorted;
    private readonly Dictionary<string, StripeRecord> _byId;

    public StripeStore(List<StripeRecord> records, IEnumerable<string>? deleted = null)
    {
        records.Sort(StripeRecord.Compare);
        _sorted = records;
        _byId = new Dictionary<string, StripeRecord>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            _byId.Add(record.Id, record);
        }

        Deleted = new HashSet<string>(deleted ?? [], StringComparer.Ordinal);
    }

    /// <summary>Ids of deleted objects (retrieve answers with a <c>deleted: true</c> stub where Stripe does).</summary>
    public HashSet<string> Deleted { get; }

    public int Count => _sorted.Count;

    public StripeRecord this[int index] => _sorted[index];

    public StripeRecord? Find(string id) => _byId.GetValueOrDefault(id);

    public void Insert(StripeRecord record)
    {
        _byId.Add(record.Id, record);
        var index = IndexOf(record.Created, record.Id);
        _sorted.Insert(~index, record);
        Deleted.Remove(record.Id);
    }

    public void Remove(StripeRecord record)
    {
        var index = IndexOf(record.Created, record.Id);
        _sorted.RemoveAt(index);
        _byId.Remove(record.Id);
    }

    /// <summary>The record's position, or the bitwise complement of where it would go.</summary>
    public int IndexOf(long created, string id)
    {
        int lo = 0, hi = _sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var order = StripeRecord.Compare(created, id, _sorted[mid]);
            if (order == 0)
            {
                return mid;
            }

            if (order > 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>The index of the first record created at or after <paramref name="created"/>.</summary>
    public int LowerBound(long created)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_sorted[mid].Created < created)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
