namespace Greenhouse.Tests.Warehouse;

public sealed class RunLockTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Second_lock_without_waiting_is_refused_while_the_first_is_held(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var one = test.Open();
        var two = test.Open();

        var held = await one.AcquireRunLockAsync(wait: false);
        Assert.NotNull(held);
        Assert.Null(await two.AcquireRunLockAsync(wait: false));
        Assert.Null(await one.AcquireRunLockAsync(wait: false));

        await held.DisposeAsync();
        var again = await two.AcquireRunLockAsync(wait: false);
        Assert.NotNull(again);
        await again.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Waiting_lock_is_granted_after_release(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var held = await test.Open().AcquireRunLockAsync(wait: false);
        Assert.NotNull(held);

        var waiting = test.Open().AcquireRunLockAsync(wait: true);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();

        var granted = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotNull(granted);
        await granted.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Waiting_lock_gives_up_when_cancelled(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var held = await test.Open().AcquireRunLockAsync(wait: false);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            test.Open().AcquireRunLockAsync(wait: true, cancellation.Token));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Separate_warehouses_do_not_share_a_lock(string kind)
    {
        await using var first = await TestWarehouse.CreateAsync(kind);
        await using var second = await TestWarehouse.CreateAsync(kind);

        await using var one = await first.Open().AcquireRunLockAsync(wait: false);
        await using var two = await second.Open().AcquireRunLockAsync(wait: false);

        Assert.NotNull(one);
        Assert.NotNull(two);
    }
}
