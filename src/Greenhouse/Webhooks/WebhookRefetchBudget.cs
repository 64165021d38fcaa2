namespace Greenhouse.Webhooks;

/// <summary>
/// How many objects a webhook receiver reads from a vendor's API to settle ties, per source, in any minute: a sliding
/// window of the last 60 seconds of the injected clock. A burst of same-second events then costs at most the budget
/// in API calls, and the vendor's own rate limit stays for syncs.
/// </summary>
internal sealed class WebhookRefetchBudget(TimeProvider clock)
{
    public const int DefaultPerMinute = 60;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _taken = new(StringComparer.Ordinal);

    /// <summary>Takes one read of <paramref name="source"/>'s budget of <paramref name="perMinute"/>; false when the last minute used it all.</summary>
    public bool TryTake(string source, int perMinute)
    {
        var now = clock.GetUtcNow();
        lock (_taken)
        {
            if (!_taken.TryGetValue(source, out var taken))
            {
                _taken[source] = taken = new Queue<DateTimeOffset>();
            }

            while (taken.Count > 0 && now - taken.Peek() >= Window)
            {
                taken.Dequeue();
            }

            if (taken.Count >= perMinute)
            {
                return false;
            }

            taken.Enqueue(now);
            return true;
        }
    }
}
