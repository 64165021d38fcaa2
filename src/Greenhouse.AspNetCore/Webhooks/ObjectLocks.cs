namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// One lock per object (a stream's row id), held from settling a delivery's tie to its commit: two deliveries of one
/// object in the same second (Stripe's <c>invoice.paid</c> and <c>invoice.finalized</c>) then never both read the
/// stored snapshot before either is written, so the second sees the first as a tie and settles it, instead of both
/// landing in one commit group where the later one simply wins. Deliveries of other objects do not wait.
/// </summary>
internal sealed class ObjectLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    /// <summary>Waits for the object's lock; disposing the answer releases it.</summary>
    public async Task<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var (existing, users) = _locks.GetValueOrDefault(key);
            gate = existing ?? new SemaphoreSlim(1, 1);
            _locks[key] = (gate, users + 1);
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key);
            throw;
        }

        return new Held(this, key, gate);
    }

    private void Leave(string key)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[key];
            if (users == 1)
            {
                _locks.Remove(key);
                gate.Dispose();
            }
            else
            {
                _locks[key] = (gate, users - 1);
            }
        }
    }

    private sealed class Held(ObjectLocks owner, string key, SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
                owner.Leave(key);
            }
        }
    }
}
