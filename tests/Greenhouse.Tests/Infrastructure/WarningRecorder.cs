using System.Collections.Concurrent;
using Greenhouse.Sync;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>Hears a run's warnings, in order: the stream and the message.</summary>
internal sealed class WarningRecorder : ISyncObserver
{
    public ConcurrentQueue<(string Stream, string Message)> Warnings { get; } = new();

    public IEnumerable<string> Messages => Warnings.Select(w => w.Message);

    /// <summary>Each warning as "stream: message".</summary>
    public IReadOnlyList<string> Lines => [.. Warnings.Select(w => $"{w.Stream}: {w.Message}")];

    public void Warning(string stream, string message) => Warnings.Enqueue((stream, message));
}
