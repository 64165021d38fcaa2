using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Greenhouse.Serve;

/// <summary>
/// serve's log lines, as short as the CLI's: <c>2025-06-15T12:00:00Z stripe.customers: started (incremental)</c>, with
/// <c>warning: </c> or <c>error: </c> before what needs attention and an exception as its type and message, never a
/// category name or a stack trace.
/// </summary>
internal sealed class ShortConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "greenhouse";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            LogLevel.Debug or LogLevel.Trace => "debug: ",
            _ => "",
        };
        var exception = logEntry.Exception is { } e ? $" ({e.GetType().Name}: {e.Message})" : "";
        textWriter.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {level}{Config.Secrets.Redact(message + exception)}");
    }
}
