namespace Greenhouse.Sandbox;

/// <summary>The path and query of every request a fake received, in order, with when it arrived (real time). Thread-safe.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset At, string Request)> _log = [];

    public void Record(string pathAndQuery)
    {
        var at = TimeProvider.System.GetUtcNow();
        lock (_lock)
        {
            _log.Add((at, pathAndQuery));
        }
    }

    public int Count(string pathPrefix)
    {
        lock (_lock)
        {
            var count = 0;
            foreach (var (_, entry) in _log)
            {
                if (entry.StartsWith(pathPrefix, StringComparison.Ordinal))
                {
                    count++;
                }
            }

            return count;
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _log.Select(e => e.Request)];
        }
    }

    public IReadOnlyList<(DateTimeOffset At, string Request)> Timeline()
    {
        lock (_lock)
        {
            return [.. _log];
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _log.Clear();
        }
    }
}
