using System.Collections.Concurrent;
using System.Net.Sockets;
using Greenhouse.Sources;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// Webhook events. Each event is its own short transaction on a pooled connection (never the batch connection),
/// so many requests apply in parallel; row locks and the upsert's guard keep concurrent snapshots of one object in order.
/// </summary>
internal sealed partial class PostgresWarehouse
{
    private readonly ConcurrentDictionary<string, PostgresEventSql> _eventSql = new(StringComparer.Ordinal);

    public async Task<EventOutcome> ApplyEventAsync(
        WebhookEvent webhookEvent, StreamDescriptor? stream, RecordRow? row, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var target = stream is not null && row is not null ? stream : null;
        var sql = target is null ? null : await EventSqlAsync(target, cancellationToken);
        var received = now.ToUniversalTime();
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // An acknowledged event must be durable: wait for the WAL flush whatever the server's default.
            var apply = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO ON") } };
            await using (apply)
            {
                if (sql is null)
                {
                    apply.BatchCommands.Add(StoreOnlyCommand(webhookEvent, received));
                    var stored = await apply.ExecuteScalarAsync(cancellationToken) is not null;
                    await transaction.CommitAsync(cancellationToken);
                    return stored ? EventOutcome.Stored : EventOutcome.Duplicate;
                }

                apply.BatchCommands.Add(ApplyCommand(sql, webhookEvent, target!, row!, received));
                EventOutcome outcome;
                await using (var reader = await apply.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    if (!reader.GetBoolean(0))
                    {
                        outcome = EventOutcome.Duplicate;
                    }
                    else if (reader.GetBoolean(1))
                    {
                        outcome = reader.GetBoolean(2) && !reader.GetBoolean(4) ? EventOutcome.Deleted : EventOutcome.Applied;
                    }
                    else
                    {
                        outcome = !reader.IsDBNull(3) && reader.GetBoolean(3) ? EventOutcome.Stale : EventOutcome.Unchanged;
                    }
                }

                if (outcome == EventOutcome.Duplicate)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return outcome;
                }

                await using (var record = new NpgsqlCommand(
                    $"UPDATE {_schema}._gh_events SET outcome = $1 WHERE source = $2 AND event_id = $3", connection))
                {
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EventOutcomeText.Of(outcome) });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.Source });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.EventId });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return outcome;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || ex is SocketException or IOException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    /// <summary>The stream's event statement; the first use of a stream shape makes sure its table exists.</summary>
    private async Task<PostgresEventSql> EventSqlAsync(StreamDescriptor stream, CancellationToken cancellationToken)
    {
        var signature = PostgresStreamSql.Signature(stream);
        if (_eventSql.TryGetValue(signature, out var sql))
        {
            return sql;
        }

        SqlIdentifier.CheckStream(stream);
        await EnsureStreamTableAsync(stream, cancellationToken);
        return _eventSql.GetOrAdd(signature, _ => new PostgresEventSql(_schema, stream));
    }

    private NpgsqlBatchCommand StoreOnlyCommand(WebhookEvent webhookEvent, DateTimeOffset received)
    {
        var command = new NpgsqlBatchCommand(PostgresEventSql.StoreOnly(_schema));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.Source });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.EventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.Type });
        command.Parameters.Add(Nullable(webhookEvent.Created?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = received });
        command.Parameters.Add(new NpgsqlParameter { Value = webhookEvent.PayloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    private static NpgsqlBatchCommand ApplyCommand(
        PostgresEventSql sql, WebhookEvent webhookEvent, StreamDescriptor stream, RecordRow row, DateTimeOffset received)
    {
        var command = new NpgsqlBatchCommand(sql.Apply);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.Source });
        p.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.EventId });
        p.Add(new NpgsqlParameter<string> { TypedValue = webhookEvent.Type });
        p.Add(new NpgsqlParameter<string> { TypedValue = stream.FullName });
        p.Add(Nullable(webhookEvent.Created?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = received });
        p.Add(new NpgsqlParameter { Value = webhookEvent.PayloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Id });
        p.Add(new NpgsqlParameter { Value = row.RawJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Hash });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.AsOf.ToUniversalTime() });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.Deleted });
        for (var c = 0; c < sql.DbTypes.Length; c++)
        {
            p.Add(Nullable(ColumnValues.Normalize(stream, row, c), sql.DbTypes[c]));
        }

        return command;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
