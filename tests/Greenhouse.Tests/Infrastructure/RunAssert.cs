using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>Assertions on a whole run that many connectors' tests make.</summary>
internal static class RunAssert
{
    /// <summary>The run succeeded, and every stream ran in <paramref name="mode"/> without a new, updated or deleted row.</summary>
    public static void WroteNothing(RunSummary summary, SyncMode mode)
    {
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.All(summary.Streams, s =>
        {
            Assert.Equal(mode, s.Mode);
            Assert.Equal(0, s.Counts.New);
            Assert.Equal(0, s.Counts.Updated);
            Assert.Equal(0, s.Counts.Deleted);
        });
    }

    /// <summary>A stream's state after a first run that stopped part-way: a pending checkpoint, no committed cursor.</summary>
    public static void PendingWithoutCursor(JsonObject? state)
    {
        Assert.NotNull(state);
        Assert.Null(state["cursor"]);
        Assert.NotNull(state["pending"]);
    }
}
