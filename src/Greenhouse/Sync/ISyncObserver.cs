using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>Hears a run's progress (the CLI draws it; the scheduler logs it).</summary>
public interface ISyncObserver
{
    /// <summary>The run holds the lock and is about to start its <paramref name="streams"/> streams.</summary>
    void RunStarted(int streams) { }

    void StreamStarted(string stream, SyncMode mode, bool resumed) { }

    void PageCommitted(StreamProgress progress) { }

    void Warning(string stream, string message) { }

    void StreamFinished(StreamRunResult result) { }

    /// <summary>The warehouse lock is held by another run and the config says to wait.</summary>
    void Waiting(string message) { }

    public static ISyncObserver None { get; } = new NoObserver();

    private sealed class NoObserver : ISyncObserver;
}
