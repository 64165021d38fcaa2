using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// The SQL client, on a pooled connection (read-only queries: the reader login's pool when one is configured). A query with limits runs as ONE statement (an <see cref="NpgsqlBatch"/> of one
/// command: PostgreSQL refuses a second statement, so <c>COMMIT; DELETE …</c> cannot leave the transaction) in a
/// transaction that is <c>READ ONLY</c> and carries the <c>statement_timeout</c> as asked.
/// </summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<QueryResult> QueryAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ModelSchema is not null && !options.ReadOnly)
        {
            options = options with { ReadOnly = true };
        }

        await using var connection = options.ModelSchema is not null ? await OpenModelReaderAsync(cancellationToken)
            : options.ReadOnly ? await OpenReaderAsync(cancellationToken)
            : await OpenAsync(cancellationToken);
        try
        {
            if (!options.ReadOnly && options.Timeout is null)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var reader = await command.ExecuteReaderAsync(cancellationToken);
                do
                {
                    if (reader.FieldCount > 0)
                    {
                        return await ReadAndStopAsync(reader, command.Cancel, options, cancellationToken);
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));

                await reader.DisposeAsync();
                return QueryResult.Empty;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LimitAsync(connection, options.ReadOnly, options.Timeout, cancellationToken);
            await using var single = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
            var result = await ReadAndStopAsync(await single.ExecuteReaderAsync(cancellationToken), single.Cancel, options, cancellationToken);
            if (result.Truncated)
            {
                // The cancelled statement left the transaction aborted; it only read, so nothing is lost.
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && options.Timeout is { } timeout && !cancellationToken.IsCancellationRequested)
        {
            throw QueryReader.TimedOut(timeout, ex);
        }
        catch (PostgresException ex) when (options.ModelSchema is { } schema && ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && ex.MessageText.StartsWith("permission denied for", StringComparison.Ordinal))
        {
            throw new WarehouseException(
                $"Query refused: this login reads only the modelled schemas ({schema}, {schema}_*: what the transform project builds), not raw stream or Greenhouse tables; "
                + $"an admin can read those ({ex.SqlState}: {ex.MessageText}).", ex);
        }
        catch (PostgresException ex) when (options.ReadOnly && ex.SqlState is PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.InsufficientPrivilege)
        {
            var why = ex.SqlState == PostgresErrorCodes.InsufficientPrivilege ? "the reader login may not do this" : "the read-only query path cannot change data";
            throw new WarehouseException($"Query refused: {why} ({ex.SqlState}: {ex.MessageText}).", ex) { WriteRefused = true };
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SyntaxError && ex.MessageText.Contains("multiple commands", StringComparison.Ordinal))
        {
            throw new WarehouseException("Query refused: the text holds more than one statement; the read-only query path runs exactly one (nothing was run).", ex);
        }
        catch (PostgresException ex)
        {
            throw new WarehouseException($"Query failed: {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    /// <summary>
    /// Reads the current result set up to the limit; when it is cut, cancels the statement on the server instead of
    /// letting the reader drain the rest (an endless or 10-million-row result would otherwise be read to its end).
    /// </summary>
    private static async Task<QueryResult> ReadAndStopAsync(NpgsqlDataReader reader, Action cancel, QueryOptions options, CancellationToken cancellationToken)
    {
        QueryResult result;
        try
        {
            result = await QueryReader.ReadAsync(reader, options.MaxRows, cancellationToken, options.KeepRows);
            if (result.Truncated)
            {
                cancel();
            }
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }

        try
        {
            await reader.DisposeAsync();
        }
        catch (PostgresException ex) when (result.Truncated && ex.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            // What the cancel asked for.
        }

        return result;
    }

    public async Task<int> ExecuteAsync(string sql, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LimitAsync(connection, readOnly: false, timeout, cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            var changed = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Math.Max(changed, 0);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && timeout is { } limit && !cancellationToken.IsCancellationRequested)
        {
            throw QueryReader.TimedOut(limit, ex);
        }
        catch (PostgresException ex)
        {
            throw new WarehouseException($"Statement failed: {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    /// <summary>Makes the open transaction read-only and gives it a statement timeout, as asked.</summary>
    private static async Task LimitAsync(NpgsqlConnection connection, bool readOnly, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            await ExecuteAsync(connection, "SET TRANSACTION READ ONLY", cancellationToken);
        }

        if (timeout is { } limit)
        {
            var milliseconds = Math.Max(1, (long)Math.Ceiling(limit.TotalMilliseconds));
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET LOCAL statement_timeout = {milliseconds}"), cancellationToken);
        }
    }
}
