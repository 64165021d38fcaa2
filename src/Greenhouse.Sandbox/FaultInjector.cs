namespace Greenhouse.Sandbox;

/// <summary>The fault rules of one vendor fake. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<(FaultRule Rule, long Seen)> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.OnRequest, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Times, 1);
        lock (_lock)
        {
            _rules.Add((rule, 0));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>Counts the request against every matching rule and returns the first rule that fires, if any.</summary>
    internal FaultRule? Next(string path)
    {
        lock (_lock)
        {
            FaultRule? fired = null;
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, seen) = _rules[i];
                if (!path.StartsWith(rule.PathPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                seen++;
                _rules[i] = (rule, seen);
                if (fired is null && seen >= rule.OnRequest && seen - rule.OnRequest < rule.Times)
                {
                    fired = rule;
                }
            }

            return fired;
        }
    }
}
