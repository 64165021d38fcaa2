using System.Collections.Concurrent;
using System.Net.Sockets;
using Greenhouse.Sources;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// Webhook events. Each group of events is one short transaction on a pooled connection (never the batch connection):
/// one batch with every event's statement, one set-based update of the outcomes, one commit. Groups may run in
/// parallel; row locks and the upsert's guard keep concurrent snapshots of one object in order.
/// </summary>
internal sealed partial class PostgresWarehouse
{
    private readonly ConcurrentDictionary<string, PostgresEventSql> _eventSql = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<EventOutcome>> ApplyEventsAsync(
        IReadOnlyList<EventApplication> events, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new EventOutcome[events.Count];
        if (events.Count == 0)
        {
            return outcomes;
        }

        var sqls = new PostgresEventSql?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (_, stream, row) = events[i];
            sqls[i] = stream is not null && row is not null ? await EventSqlAsync(stream, cancellationToken) : null;
        }

        var received = now.ToUniversalTime();
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Round trip 1: every event's statement, in list order; each sees the ones before it (same transaction).
            // An acknowledged event must be durable: wait for the WAL flush whatever the server's default.
            var apply = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO ON") } };
            await using (apply)
            {
                for (var i = 0; i < events.Count; i++)
                {
                    var (webhookEvent, stream, row) = events[i];
                    apply.BatchCommands.Add(sqls[i] is { } sql
                        ? ApplyCommand(sql, events[i], received)
                        : StoreOnlyCommand(webhookEvent, received));
                }

                await using var reader = await apply.ExecuteReaderAsync(cancellationToken);
                for (var i = 0; i < events.Count; i++)
                {
                    if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                    {
                        throw new InvalidOperationException($"The event batch returned {i} results for {events.Count} events.");
                    }

                    var hasRow = await reader.ReadAsync(cancellationToken);
                    outcomes[i] = sqls[i] is null ? (hasRow ? EventOutcome.Stored : EventOutcome.Duplicate) : Outcome(reader);
                }
            }

            // Round trip 2: record what each applied event did, in one set-based statement.
            var recorded = Enumerable.Range(0, events.Count)
                .Where(i => sqls[i] is not null && outcomes[i] != EventOutcome.Duplicate)
                .ToList();
            if (recorded.Count > 0)
            {
                await using var record = new NpgsqlCommand(PostgresEventSql.RecordOutcomes(_schema), connection);
                record.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. recorded.Select(i => events[i].Event.Source)] });
                record.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. recorded.Select(i => events[i].Event.EventId)] });
                record.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. recorded.Select(i => EventOutcomeText.Of(outcomes[i]))] });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            // Round trip 3: one commit, one WAL flush for the whole group.
            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || ex is SocketException or IOException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    public async Task<StoredSnapshot?> ReadSnapshotAsync(StreamDescriptor stream, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sql = await EventSqlAsync(stream, cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql.ReadSnapshot, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new StoredSnapshot(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetBoolean(2))
                : null;
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || ex is SocketException or IOException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    /// <summary>Reads one <see cref="PostgresEventSql.Apply"/> result row.</summary>
    private static EventOutcome Outcome(NpgsqlDataReader reader)
    {
        if (!reader.GetBoolean(0))
        {
            return EventOutcome.Duplicate;
        }

        if (reader.GetBoolean(1))
        {
            return reader.GetBoolean(2) && !reader.GetBoolean(4) ? EventOutcome.Deleted : EventOutcome.Applied;
        }

        return !reader.IsDBNull(3) && reader.GetBoolean(3) ? EventOutcome.Stale : EventOutcome.Unchanged;
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

    private static NpgsqlBatchCommand ApplyCommand(PostgresEventSql sql, EventApplication application, DateTimeOffset received)
    {
        var (webhookEvent, stream, row) = (application.Event, application.Stream!, application.Row!);
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

        p.Add(new NpgsqlParameter<bool> { TypedValue = application.KeepStoredOnTie });
        return command;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
