using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// The SQL client. Read-only queries get a connection of their own opened with <c>Mode=ReadOnly</c> (a
/// <c>PRAGMA query_only</c> could be undone by the query itself); they run beside the writer, which WAL allows.
/// <see cref="SqliteReadGuard"/> adds an authorizer and the one-statement rule. A timeout or a cancellation stops a
/// running statement with <c>sqlite3_interrupt</c>.
/// </summary>
internal sealed partial class SqliteWarehouse
{
    private const int Interrupted = 9;
    private const int ReadOnlyDatabase = 8;
    private const int NotAuthorized = 23;

    public async Task<QueryResult> QueryAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ReadOnly && options.ModelSchema is null)
        {
            return await UseAsync(connection => ReadAsync(connection, sql, options, cancellationToken), cancellationToken);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await using var connection = Open(SqliteOpenMode.ReadOnly);
            var policy = SqliteReadGuard.Install(connection, options.ModelSchema);
            SqliteReadGuard.RequireOneReadingStatement(connection, sql, policy);
            try
            {
                return await ReadAsync(connection, sql, options, cancellationToken);
            }
            catch (WarehouseException) when (policy?.Refused is { } table)
            {
                throw ModelsOnlyRefusal(options.ModelSchema!, table);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is not 1 and not ReadOnlyDatabase and not NotAuthorized)
        {
            throw SqliteErrors.Translate(ex, _fullPath);
        }
    }

    public Task<int> ExecuteAsync(string sql, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var stop = SqliteInterrupt.On(connection, timeout, cancellationToken);
        try
        {
            // Counted from the connection's total: a DDL statement would add the previous statement's count again.
            var before = SQLitePCL.raw.sqlite3_total_changes(connection.Handle);
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, sql);
            transaction.Commit();
            return SQLitePCL.raw.sqlite3_total_changes(connection.Handle) - before;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == Interrupted)
        {
            throw Stopped(ex, timeout, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            throw new WarehouseException($"Statement failed: {ex.Message}", ex);
        }
    }, cancellationToken);

    private static async Task<QueryResult> ReadAsync(SqliteConnection connection, string sql, QueryOptions options, CancellationToken cancellationToken)
    {
        using var stop = SqliteInterrupt.On(connection, options.Timeout, cancellationToken);
        try
        {
            using var command = Command(connection, null, sql);
            using var reader = command.ExecuteReader();
            return await QueryReader.ReadAsync(reader, options.MaxRows, CancellationToken.None, options.KeepRows);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == Interrupted)
        {
            throw Stopped(ex, options.Timeout, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is ReadOnlyDatabase or NotAuthorized)
        {
            // A write on the read-only connection, or what its authorizer refused.
            throw new WarehouseException($"Query refused: the read-only query path cannot change data ({ex.Message}).", ex) { WriteRefused = true };
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            throw new WarehouseException($"Query failed: {ex.Message}", ex);
        }
    }

    /// <summary>A read outside the modelled tables, refused by the authorizer (<see cref="QueryOptions.ModelSchema"/>).</summary>
    private static WarehouseException ModelsOnlyRefusal(string schema, string table) => new(
        $"Query refused: this login reads only the modelled tables ({schema}_…, what the transform project builds), not raw stream or Greenhouse tables "
        + $"such as {table}; an admin can read those.");

    /// <summary>An interrupted statement: the caller cancelled, or the timeout fired.</summary>
    private static Exception Stopped(SqliteException ex, TimeSpan? timeout, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested || timeout is not { } limit
            ? new OperationCanceledException("The query was cancelled.", ex, cancellationToken)
            : QueryReader.TimedOut(limit, ex);
}
