using System.Collections.Concurrent;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>The group writer alone, over a store that records each group and can be held or made to fail.</summary>
public sealed class EventGroupWriterTests
{
    private static EventApplication Event(string id) => new(new WebhookEvent("stripe", id, "balance.available", null, "{}"), null, null);

    [Fact]
    public async Task Events_arriving_during_a_commit_share_the_next_one()
    {
        var store = new FakeStore();
        await using var writer = new EventGroupWriter(store, _ => false);
        var first = writer.ApplyAsync(Event("evt_0"), DateTimeOffset.UtcNow);
        await store.Started.Task; // the first commit is in flight, held
        var rest = Enumerable.Range(1, 5).Select(i => writer.ApplyAsync(Event($"evt_{i}"), DateTimeOffset.UtcNow)).ToList();

        store.Hold.SetResult();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([["evt_0"], ["evt_1", "evt_2", "evt_3", "evt_4", "evt_5"]], store.Groups);
    }

    [Fact]
    public async Task An_outage_fails_every_request_of_the_group_with_its_exception()
    {
        var store = new FakeStore { Failure = new WarehouseException("down") };
        await using var writer = new EventGroupWriter(store, ex => ex is WarehouseException);
        var first = writer.ApplyAsync(Event("evt_0"), DateTimeOffset.UtcNow);
        await store.Started.Task;
        var rest = Enumerable.Range(1, 3).Select(i => writer.ApplyAsync(Event($"evt_{i}"), DateTimeOffset.UtcNow)).ToList();

        store.Hold.SetResult();

        foreach (var task in rest.Prepend(first))
        {
            await Assert.ThrowsAsync<WarehouseException>(() => task);
        }

        Assert.Equal(2, store.Groups.Count); // the group of three was not retried event by event
    }

    [Fact]
    public async Task An_event_the_warehouse_refuses_fails_alone_and_the_rest_of_its_group_commits()
    {
        var store = new FakeStore { Poison = "evt_bad" };
        await using var writer = new EventGroupWriter(store, ex => ex is WarehouseException);
        var first = writer.ApplyAsync(Event("evt_0"), DateTimeOffset.UtcNow);
        await store.Started.Task;
        var good = writer.ApplyAsync(Event("evt_1"), DateTimeOffset.UtcNow);
        var bad = writer.ApplyAsync(Event("evt_bad"), DateTimeOffset.UtcNow);
        var last = writer.ApplyAsync(Event("evt_2"), DateTimeOffset.UtcNow);

        store.Hold.SetResult();

        Assert.Equal([EventOutcome.Stored, EventOutcome.Stored, EventOutcome.Stored], await Task.WhenAll(first, good, last));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal([["evt_0"], ["evt_1", "evt_bad", "evt_2"], ["evt_1"], ["evt_bad"], ["evt_2"]], store.Groups);
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_stop_the_commit()
    {
        var store = new FakeStore();
        await using (var writer = new EventGroupWriter(store, _ => false))
        {
            using var cancel = new CancellationTokenSource();
            var first = writer.ApplyAsync(Event("evt_0"), DateTimeOffset.UtcNow, cancel.Token);
            await store.Started.Task;
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            store.Hold.SetResult();
        }

        Assert.Equal([["evt_0"]], store.Groups);
    }

    private sealed class FakeStore : IEventStore
    {
        public ConcurrentQueue<string[]> Queue { get; } = new();

        public List<string[]> Groups => [.. Queue];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Hold { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; init; }

        /// <summary>An event id the store refuses (as PostgreSQL refuses a bad value): its whole transaction fails.</summary>
        public string? Poison { get; init; }

        public Task<EventOutcome> ApplyEventAsync(
            WebhookEvent webhookEvent, Greenhouse.Sources.StreamDescriptor? stream, RecordRow? row, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<StoredSnapshot?> ReadSnapshotAsync(Greenhouse.Sources.StreamDescriptor stream, string id, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async Task<IReadOnlyList<EventOutcome>> ApplyEventsAsync(
            IReadOnlyList<EventApplication> events, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            Queue.Enqueue([.. events.Select(e => e.Event.EventId)]);
            Started.TrySetResult();
            await Hold.Task;
            if (events.Any(e => e.Event.EventId == Poison))
            {
                throw new InvalidOperationException("refused");
            }

            return Failure is null ? [.. events.Select(_ => EventOutcome.Stored)] : throw Failure;
        }
    }
}
