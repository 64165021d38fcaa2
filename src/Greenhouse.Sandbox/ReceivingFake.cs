namespace Greenhouse.Sandbox;

/// <summary>
/// A fake that receives messages (Slack, Telegram, a webhook sink): besides every request in
/// <see cref="VendorFake.RequestLog"/>, what it accepted, in order.
/// </summary>
public abstract class ReceivingFake<T> : VendorFake
{
    private readonly ReceivedLog<T> _received = new();

    private protected ReceivingFake(string name)
        : base(name)
    {
    }

    /// <summary>How many requests arrived, accepted or not.</summary>
    public long Requests => RequestCount("");

    /// <summary>Forgets what was received and the requests, and removes the fault rules.</summary>
    public void Reset()
    {
        _received.Clear();
        ResetCounters();
        Faults.Clear();
    }

    /// <summary>What was accepted, in order.</summary>
    private protected IReadOnlyList<T> Received => _received.Snapshot();

    private protected void Accept(T item) => _received.Add(item);
}
