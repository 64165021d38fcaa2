using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests;

/// <summary>Collects what a whole host logs (every category) into one <see cref="ListLogger{T}"/>, for assertions and failure messages.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ListLogger<ListLoggerProvider> Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void Dispose()
    {
    }
}
