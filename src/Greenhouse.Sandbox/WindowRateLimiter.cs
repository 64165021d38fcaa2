namespace Greenhouse.Sandbox;

/// <summary>
/// A fixed-window request limiter per key (an API key, a token). Measures real elapsed time, not the sandbox clock,
/// which tests often freeze.
/// </summary>
internal sealed class WindowRateLimiter(TimeSpan window)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long WindowStart, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request for <paramref name="key"/>; false when it is over <paramref name="limit"/> in the current window.</summary>
    public bool TryAcquire(string key, int limit)
    {
        var now = TimeProvider.System.GetTimestamp();
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var current)
                || TimeProvider.System.GetElapsedTime(current.WindowStart, now) >= window)
            {
                current = (now, 0);
            }

            current.Count++;
            _windows[key] = current;
            return current.Count <= limit;
        }
    }

    /// <summary>How long until <paramref name="key"/>'s current window closes (whole seconds, at least one).</summary>
    public int SecondsUntilReset(string key)
    {
        lock (_lock)
        {
            var left = _windows.TryGetValue(key, out var current) ? window - TimeProvider.System.GetElapsedTime(current.WindowStart) : TimeSpan.Zero;
            return Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
        }
    }
}
