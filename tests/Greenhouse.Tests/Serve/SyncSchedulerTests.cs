using Greenhouse.Scheduling;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenhouse.Tests.Serve;

/// <summary>The scheduler's rules, stepped by explicit times, with the real warehouse holding the slot claims.</summary>
public sealed class SyncSchedulerTests
{
    private static readonly DateTimeOffset TenThirty = new(2026, 1, 14, 10, 30, 0, TimeSpan.Zero);

    private static readonly ScheduleEntry Hourly = new("stripe", CronSchedule.Parse("0 * * * *", TimeZoneInfo.Utc), new SyncRequest(Sources: ["stripe"], Trigger: "schedule"));

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Records runs; each run waits for its gate (if any) and returns the next scripted status.</summary>
    private sealed class ScriptedRunner(params RunStatus[] statuses) : IScheduledRunner
    {
        private int _runs;

        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => _runs;

        public async Task<RunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _runs) - 1;
            Started.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return new RunSummary(index + 1, statuses.Length == 0 ? RunStatus.Succeeded : statuses[Math.Min(index, statuses.Length - 1)], [], TimeSpan.Zero);
        }

        public int TransformRuns { get; private set; }

        public Task<RunStatus> RunTransformAsync(CancellationToken cancellationToken, string trigger = "schedule")
        {
            TransformRuns++;
            return Task.FromResult(RunStatus.Succeeded);
        }

        public List<string> CheckRuns { get; } = [];

        public Task<RunStatus> RunCheckAsync(string check, CancellationToken cancellationToken)
        {
            CheckRuns.Add(check);
            return Task.FromResult(RunStatus.Succeeded);
        }
    }

    private static SyncScheduler Scheduler(IWarehouse store, IScheduledRunner runner, TimeProvider clock, SchedulerOptions? options = null) =>
        new([Hourly], store, runner, clock, NullLogger<SyncScheduler>.Instance, options);

    private static async Task DrainAsync(SyncScheduler scheduler)
    {
        scheduler.CompleteQueue();
        await scheduler.WorkAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_checks_own_schedule_runs_that_check_and_no_sync(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var store = await target.OpenMigratedAsync();
        var runner = new ScriptedRunner();
        var entry = new ScheduleEntry(ScheduleEntry.CheckKey("morning"), CronSchedule.Parse("0 9 * * *", TimeZoneInfo.Utc), new SyncRequest(Trigger: "schedule")) { Check = "morning" };
        var scheduler = new SyncScheduler([entry], store, runner, new SettableClock(TenThirty), NullLogger<SyncScheduler>.Instance);

        await scheduler.CatchUpAsync(TenThirty);
        await DrainAsync(scheduler);

        Assert.Equal(["morning"], runner.CheckRuns);
        Assert.Equal(0, runner.Runs);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_missed_schedule_catches_up_once_not_once_per_missed_period(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var store = await target.OpenMigratedAsync();
        var runner = new ScriptedRunner();
        var scheduler = Scheduler(store, runner, new SettableClock(TenThirty));

        await scheduler.CatchUpAsync(TenThirty);
        await scheduler.CatchUpAsync(TenThirty.AddMinutes(5));
        await DrainAsync(scheduler);

        Assert.Equal(1, runner.Runs);

        // A restart within the same hour does not run it again; one after the next slot does, once.
        var restarted = Scheduler(store, runner, new SettableClock(TenThirty));
        await restarted.CatchUpAsync(TenThirty.AddMinutes(20));
        await restarted.CatchUpAsync(TenThirty.AddHours(5));
        await DrainAsync(restarted);
        Assert.Equal(2, runner.Runs);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Two_serve_processes_on_one_warehouse_run_a_slot_once(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var one = await target.OpenMigratedAsync();
        var two = target.Open();
        var runner = new ScriptedRunner();
        var first = Scheduler(one, runner, new SettableClock(TenThirty));
        var second = Scheduler(two, runner, new SettableClock(TenThirty));
        await first.TickAsync(TenThirty);
        await second.TickAsync(TenThirty);

        var eleven = TenThirty.AddMinutes(30);
        await Task.WhenAll(first.TickAsync(eleven), second.TickAsync(eleven));
        await Task.WhenAll(DrainAsync(first), DrainAsync(second));

        Assert.Equal(1, runner.Runs);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_run_that_comes_due_during_another_waits_and_is_not_queued_twice(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var store = await target.OpenMigratedAsync();
        var runner = new ScriptedRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var scheduler = Scheduler(store, runner, new SettableClock(TenThirty));
        await scheduler.CatchUpAsync(TenThirty);
        var work = scheduler.WorkAsync(CancellationToken.None);
        await runner.Started.Task;

        await scheduler.TickAsync(TenThirty.AddMinutes(30));
        await scheduler.TickAsync(TenThirty.AddMinutes(90));

        Assert.Equal(["stripe"], scheduler.Queued);
        Assert.Equal(1, runner.Runs);
        runner.Gate.SetResult();
        scheduler.CompleteQueue();
        await work;
        Assert.Equal(2, runner.Runs);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_failed_run_is_retried_with_backoff_within_its_period(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var store = await target.OpenMigratedAsync();
        var clock = new SettableClock(TenThirty);
        var runner = new ScriptedRunner(RunStatus.Failed, RunStatus.Partial, RunStatus.Succeeded);
        var scheduler = Scheduler(store, runner, clock, new SchedulerOptions { RetryBaseDelay = TimeSpan.FromMinutes(2) });
        await scheduler.CatchUpAsync(TenThirty);
        var work = scheduler.WorkAsync(CancellationToken.None);
        await WaitForAsync(() => runner.Runs == 1);

        var firstRetry = scheduler.NextWake(TenThirty)!.Value;
        Assert.InRange(firstRetry - TenThirty, TimeSpan.FromMinutes(1.5), TimeSpan.FromMinutes(2.5));
        await scheduler.TickAsync(firstRetry.AddSeconds(-1));
        Assert.Empty(scheduler.Queued);

        clock.Now = firstRetry;
        await scheduler.TickAsync(firstRetry);
        await WaitForAsync(() => runner.Runs == 2);
        var secondRetry = scheduler.NextWake(firstRetry)!.Value;
        Assert.InRange(secondRetry - firstRetry, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));

        clock.Now = secondRetry;
        await scheduler.TickAsync(secondRetry);
        await WaitForAsync(() => runner.Runs == 3);
        Assert.Equal(TenThirty.AddMinutes(30), scheduler.NextWake(secondRetry));
        scheduler.CompleteQueue();
        await work;
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task No_retry_is_scheduled_past_the_next_slot(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        var store = await target.OpenMigratedAsync();
        var runner = new ScriptedRunner(RunStatus.Failed);
        var scheduler = Scheduler(store, runner, new SettableClock(TenThirty), new SchedulerOptions { RetryBaseDelay = TimeSpan.FromMinutes(45) });
        await scheduler.CatchUpAsync(TenThirty);
        await DrainAsync(scheduler);

        Assert.Equal(1, runner.Runs);
        Assert.Equal(TenThirty.AddMinutes(30), scheduler.NextWake(TenThirty));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
