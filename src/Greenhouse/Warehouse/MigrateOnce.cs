namespace Greenhouse.Warehouse;

/// <summary>
/// Runs a warehouse's migrations once per instance: the first call that succeeds applies them, later calls return
/// at once, concurrent callers wait for the one running. A failed attempt (the database is down) is tried again next call.
/// </summary>
internal sealed class MigrateOnce(Func<CancellationToken, Task> migrate) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await migrate(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
