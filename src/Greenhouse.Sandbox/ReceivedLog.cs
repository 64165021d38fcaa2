namespace Greenhouse.Sandbox;

/// <summary>What a receiving fake (Slack, Telegram, a webhook sink) accepted, in order (the requests themselves are in <see cref="VendorFake.RequestLog"/>). Thread-safe.</summary>
internal sealed class ReceivedLog<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];

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
    }
}
