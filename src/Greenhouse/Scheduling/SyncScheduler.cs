using System.Threading.Channels;
using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Scheduling;

/// <summary>
/// Runs each schedule when due, one run at a time: a run that comes due while another is in progress waits in
/// the queue (never dropped, never queued twice). Each due slot is claimed in the warehouse first, so several
/// serve processes on one database run it once; the runs themselves are serialised by the warehouse's run lock.
/// On start, a schedule whose last slot is older than its latest due time runs once (catch-up). A failed run is
/// retried with exponential backoff while its next slot is still ahead. Stopping lets the current page commit.
/// </summary>
public sealed class SyncScheduler(
    IReadOnlyList<ScheduleEntry> entries,
    IScheduleStore slots,
    IScheduledRunner runner,
    TimeProvider clock,
    ILogger<SyncScheduler> logger,
    SchedulerOptions? options = null) : BackgroundService
{
    private readonly SchedulerOptions _options = options ?? new SchedulerOptions();
    private readonly Channel<ScheduleEntry> _queue = Channel.CreateUnbounded<ScheduleEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = [];
    private readonly Dictionary<string, DateTimeOffset> _nextFire = [];
    private readonly Dictionary<string, (int Attempt, DateTimeOffset DueAt)> _retries = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);

    public SyncScheduler(GreenhouseConfig config, IScheduleStore slots, IScheduledRunner runner, TimeProvider clock, ILogger<SyncScheduler> logger, SchedulerOptions? options = null)
        : this(ScheduleEntries.From(config), slots, runner, clock, logger, options)
    {
    }

    /// <summary>True from start-up until it stops; what <c>/readyz</c> reports.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Schedules queued and not yet started, for tests and status.</summary>
    public IReadOnlyCollection<string> Queued
    {
        get
        {
            lock (_lock)
            {
                return [.. _queued];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IsRunning = true;
        var worker = Task.CompletedTask;
        try
        {
            // Until the warehouse answers (it may be down at start-up), catching up is retried.
            while (!await TryAsync(() => PrepareAndCatchUpAsync(stoppingToken), "catch up"))
            {
                await Task.Delay(_options.RetryBaseDelay, clock, stoppingToken);
            }

            worker = WorkAsync(stoppingToken);
            var nextCheck = clock.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (now >= nextCheck)
                {
                    await TryAsync(() => runner.CheckAsync(stoppingToken), "check freshness");
                    nextCheck = now + _options.FreshnessInterval;
                }

                var wake = new[] { NextWake(now) ?? nextCheck, nextCheck }.Min();
                var wait = wake - now;
                if (wait > TimeSpan.Zero)
                {
                    // Sleep until the next due time, or until a failed run schedules a retry sooner.
                    using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var woken = _wake.WaitAsync(sleep.Token);
                    await Task.WhenAny(Task.Delay(wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait, clock, sleep.Token), woken);
                    await sleep.CancelAsync();
                    stoppingToken.ThrowIfCancellationRequested();
                }

                if (!await TryAsync(() => TickAsync(clock.GetUtcNow(), stoppingToken), "claim due schedules"))
                {
                    await Task.Delay(_options.RetryBaseDelay, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no new work is taken.
        }
        finally
        {
            _queue.Writer.TryComplete();
            try
            {
                // The run in progress stops after its current page commits and is recorded as interrupted.
                await worker;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The queue was abandoned mid-read; the runs still queued run at their next slot or catch-up.
            }

            IsRunning = false;
        }
    }

    private async Task PrepareAndCatchUpAsync(CancellationToken cancellationToken)
    {
        // The warehouse may have been down when serve started: its tables are created on the first success.
        if (slots is IWarehouse warehouse)
        {
            await warehouse.MigrateAsync(cancellationToken);
        }

        await CatchUpAsync(clock.GetUtcNow(), cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Runs a step; a failure (the warehouse is down, say) is logged and the step is tried again later.</summary>
    private async Task<bool> TryAsync(Func<Task> step, string what)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("Scheduler could not {What}: {Error}; trying again in {Delay}", what, Secrets.Redact(e.Message), _options.RetryBaseDelay);
            return false;
        }
    }

    /// <summary>On start: each schedule whose latest due time has not been run runs once, not once per missed period.</summary>
    public async Task CatchUpAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        foreach (var entry in entries)
        {
            _nextFire[entry.Key] = entry.Schedule.Next(now) ?? DateTimeOffset.MaxValue;
            if (entry.Schedule.Previous(now) is { } due && await slots.TryClaimSlotAsync(entry.Key, due, now, cancellationToken))
            {
                logger.LogInformation("Schedule {Schedule} missed its run at {Due:u}: catching up once", entry.Key, due);
                Enqueue(entry);
            }
        }
    }

    /// <summary>Queues every schedule whose time has come (once, however many times it came) and every retry due.</summary>
    public async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        foreach (var entry in entries)
        {
            if (!_nextFire.TryGetValue(entry.Key, out var next))
            {
                _nextFire[entry.Key] = entry.Schedule.Next(now) ?? DateTimeOffset.MaxValue;
                continue;
            }

            if (next > now)
            {
                continue;
            }

            var slot = entry.Schedule.Previous(now) ?? next;
            _nextFire[entry.Key] = entry.Schedule.Next(now) ?? DateTimeOffset.MaxValue;
            lock (_lock)
            {
                _retries.Remove(entry.Key);
            }

            if (await slots.TryClaimSlotAsync(entry.Key, slot, now, cancellationToken))
            {
                Enqueue(entry);
            }
            else
            {
                logger.LogInformation("Schedule {Schedule} at {Slot:u} was already taken by another serve process", entry.Key, slot);
            }
        }

        List<ScheduleEntry> retries;
        lock (_lock)
        {
            retries = [.. entries.Where(e => _retries.TryGetValue(e.Key, out var retry) && retry.DueAt <= now)];

            // Queued: no longer a wake-up time, but the attempt count stays for the next backoff.
            retries.ForEach(e => _retries[e.Key] = (_retries[e.Key].Attempt, DateTimeOffset.MaxValue));
        }

        retries.ForEach(Enqueue);
    }

    /// <summary>Runs queued schedules one after another until the queue is completed or stopping is requested.</summary>
    public async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var entry in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            lock (_lock)
            {
                _queued.Remove(entry.Key);
            }

            Warehouse.RunStatus status;
            try
            {
                status = entry.Check is { } check ? await runner.RunCheckAsync(check, cancellationToken)
                    : entry.IsTransform ? await runner.RunTransformAsync(cancellationToken)
                    : (await runner.RunAsync(entry.Request, cancellationToken)).Status;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError("Scheduled {What} {Schedule} could not run: {Error}", entry.Check is not null ? "check" : entry.IsTransform ? "transform" : "sync", entry.Key, Secrets.Redact(e.Message));
                ScheduleRetry(entry);
                continue;
            }

            if (status is Warehouse.RunStatus.Failed or Warehouse.RunStatus.Partial)
            {
                ScheduleRetry(entry);
            }
            else
            {
                lock (_lock)
                {
                    _retries.Remove(entry.Key);
                }
            }
        }
    }

    /// <summary>Closes the queue: <see cref="WorkAsync"/> returns once the queued runs are done.</summary>
    public void CompleteQueue() => _queue.Writer.TryComplete();

    /// <summary>When the next schedule fires or retry is due.</summary>
    public DateTimeOffset? NextWake(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _nextFire.Values.Concat(_retries.Values.Select(r => r.DueAt)).Where(t => t != DateTimeOffset.MaxValue).DefaultIfEmpty(now + TimeSpan.FromHours(1)).Min();
        }
    }

    private void Enqueue(ScheduleEntry entry)
    {
        lock (_lock)
        {
            if (!_queued.Add(entry.Key))
            {
                logger.LogInformation("Schedule {Schedule} is already queued; not queuing it twice", entry.Key);
                return;
            }
        }

        _queue.Writer.TryWrite(entry);
    }

    private void ScheduleRetry(ScheduleEntry entry)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var attempt = _retries.TryGetValue(entry.Key, out var previous) ? previous.Attempt + 1 : 1;
            var delay = TimeSpan.FromTicks((long)(_options.RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4)));
            var dueAt = now + delay;
            var nextSlot = _nextFire.GetValueOrDefault(entry.Key, DateTimeOffset.MaxValue);
            if (attempt > _options.MaxRetries || dueAt >= nextSlot)
            {
                _retries.Remove(entry.Key);
                logger.LogWarning("Scheduled sync {Schedule} failed; not retrying before its next slot at {Next:u}", entry.Key, nextSlot);
                return;
            }

            _retries[entry.Key] = (attempt, dueAt);
            _wake.Release();
            logger.LogWarning("Scheduled sync {Schedule} failed; retry {Attempt} at {DueAt:u}", entry.Key, attempt, dueAt);
        }
    }
}
