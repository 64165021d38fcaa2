using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests;

/// <summary>An <see cref="ILogger{T}"/> that keeps every entry (level, formatted message, exception) for assertions. Thread-safe.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Every entry as one text, for "never contains" checks.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level}: {e.Text}"));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var text = formatter(state, exception) + (exception is null ? "" : "\n" + exception);
        lock (_lock)
        {
            _entries.Add((logLevel, text));
        }
    }
}
