using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// Interrupts whatever statement runs on a connection when a timeout passes or a token is cancelled
/// (<c>sqlite3_interrupt</c>; with no statement running it does nothing). Disposing waits for a firing interrupt to finish.
/// </summary>
internal sealed class SqliteInterrupt : IDisposable
{
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenRegistration _registration;

    private SqliteInterrupt(SqliteConnection connection, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var token = cancellationToken;
        if (timeout is { } limit)
        {
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _timeout.CancelAfter(limit);
            token = _timeout.Token;
        }

        _registration = token.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
    }

    public static SqliteInterrupt On(SqliteConnection connection, TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(connection, timeout, cancellationToken);

    public void Dispose()
    {
        _registration.Dispose();
        _timeout?.Dispose();
    }
}
