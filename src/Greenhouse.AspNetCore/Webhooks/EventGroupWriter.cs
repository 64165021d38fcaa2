using System.Threading.Channels;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// Group commit for webhook events: concurrent requests hand their event to one writer loop, which takes everything
/// pending (up to <see cref="MaxGroup"/>) and applies it with <see cref="IEventStore.ApplyEventsAsync"/> in one
/// transaction, then completes each request with its own outcome. It never waits for a group to fill: when idle it
/// commits as soon as one event is pending, so groups grow only under load. If a group's transaction fails, every
/// request in it gets the exception and nothing of it was applied. Disposing stops taking new events and lets the
/// pending ones commit.
/// </summary>
internal sealed class EventGroupWriter : IAsyncDisposable
{
    /// <summary>Most events applied in one transaction.</summary>
    public const int MaxGroup = 256;

    private readonly IEventStore _store;
    private readonly Func<Exception, bool> _isUnavailable;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="isUnavailable">True for a failure of the warehouse itself (not of one event): the group is not retried event by event.</param>
    public EventGroupWriter(IEventStore store, Func<Exception, bool> isUnavailable)
    {
        _store = store;
        _isUnavailable = isUnavailable;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues <paramref name="application"/> and returns its outcome once its group has committed. Cancelling stops
    /// the wait, not the write: an event already queued may still be committed (a redelivery then answers duplicate).
    /// </summary>
    public Task<EventOutcome> ApplyAsync(EventApplication application, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(application, now, new TaskCompletionSource<EventOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);

        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            await CommitAsync(group);
            group.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            // The latest arrival time of the group stands for all of it (they differ by the length of one commit).
            var outcomes = await _store.ApplyEventsAsync([.. group.Select(p => p.Application)], group.Max(p => p.Now), CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception ex) when (group.Count > 1 && !_isUnavailable(ex))
        {
            // Not an outage but one event the warehouse refuses: apply each alone, so only that one fails.
            foreach (var pending in group)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in group)
            {
                pending.Outcome.TrySetException(ex);
            }
        }
    }

    private sealed record Pending(EventApplication Application, DateTimeOffset Now, TaskCompletionSource<EventOutcome> Outcome);
}
