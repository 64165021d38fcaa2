namespace Greenhouse.Sandbox;

/// <summary>What a receiving fake (Slack, Telegram, a webhook sink) accepted, in order. Thread-safe.</summary>
internal sealed class ReceivedLog<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];
    private long _requests;

    /// <summary>Every request that reached the fake, accepted or not (faults, retries).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void Add(T item)
    {
        lock (_lock)
        {
            _items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _items.Clear();
        }

        Interlocked.Exchange(ref _requests, 0);
    }
}
