using System.Collections.Concurrent;
using Greenhouse.Sync;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>An observer that keeps every warning a run reports, as "stream: message".</summary>
internal sealed class WarningRecorder : ISyncObserver
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public void Warning(string stream, string message) => _warnings.Enqueue($"{stream}: {message}");
}
