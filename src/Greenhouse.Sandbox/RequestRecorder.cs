namespace Greenhouse.Sandbox;

/// <summary>The path and query of every request a fake received, in order. Thread-safe.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _lock = new();
    private readonly List<string> _log = [];

    public void Record(string pathAndQuery)
    {
        lock (_lock)
        {
            _log.Add(pathAndQuery);
        }
    }

    public int Count(string pathPrefix)
    {
        lock (_lock)
        {
            var count = 0;
            foreach (var entry in _log)
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
