using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// The SQL client, on a pooled connection. A query with limits runs as ONE statement (an <see cref="NpgsqlBatch"/> of one
/// command: PostgreSQL refuses a second statement, so <c>COMMIT; DELETE …</c> cannot leave the transaction) in a
/// transaction that is <c>READ ONLY</c> and carries the <c>statement_timeout</c> as asked.
/// </summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<QueryResult> QueryAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            if (!options.ReadOnly && options.Timeout is null)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                do
                {
                    if (reader.FieldCount > 0)
                    {
                        return await QueryReader.ReadAsync(reader, options.MaxRows, cancellationToken);
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));

                return QueryResult.Empty;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LimitAsync(connection, options.ReadOnly, options.Timeout, cancellationToken);
            await using var single = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
            QueryResult result;
            await using (var reader = await single.ExecuteReaderAsync(cancellationToken))
            {
                result = reader.FieldCount > 0 ? await QueryReader.ReadAsync(reader, options.MaxRows, cancellationToken) : QueryResult.Empty;
            }

            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && options.Timeout is { } timeout && !cancellationToken.IsCancellationRequested)
        {
            throw QueryReader.TimedOut(timeout, ex);
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
