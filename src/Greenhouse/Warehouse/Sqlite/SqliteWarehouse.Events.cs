using System.Collections.Concurrent;
using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>Webhook events: writes are serialized by the connection gate, like every other write of this warehouse; a group is one transaction.</summary>
internal sealed partial class SqliteWarehouse
{
    private readonly ConcurrentDictionary<string, bool> _eventTables = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<EventOutcome>> ApplyEventsAsync(
        IReadOnlyList<EventApplication> events, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        foreach (var (_, stream, row) in events)
        {
            if (stream is not null && row is not null && !_eventTables.ContainsKey(EventTableKey(stream)))
            {
                await EnsureStreamTableAsync(stream, cancellationToken);
                _eventTables[EventTableKey(stream)] = true;
            }
        }

        var received = SqliteTime.ToText(now);
        return await UseAsync(connection =>
        {
            // An acknowledged event must survive a power loss too: flush the WAL on this commit.
            Execute(connection, null, "PRAGMA synchronous = FULL");
            try
            {
                // One transaction for the group; events apply in list order and each sees the ones before it.
                using var transaction = connection.BeginTransaction();
                var outcomes = new EventOutcome[events.Count];
                for (var i = 0; i < events.Count; i++)
                {
                    outcomes[i] = Apply(connection, transaction, events[i], received);
                }

                transaction.Commit();
                return outcomes;
            }
            finally
            {
                Execute(connection, null, "PRAGMA synchronous = NORMAL");
            }
        }, cancellationToken);
    }

    public async Task<StoredSnapshot?> ReadSnapshotAsync(StreamDescriptor stream, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!_eventTables.ContainsKey(EventTableKey(stream)))
        {
            await EnsureStreamTableAsync(stream, cancellationToken);
            _eventTables[EventTableKey(stream)] = true;
        }

        return await UseAsync(connection => Writer(connection, stream).ReadStored(id), cancellationToken);
    }

    private EventOutcome Apply(SqliteConnection connection, SqliteTransaction transaction, EventApplication application, string received)
    {
        var (webhookEvent, stream, row) = application;
        var target = stream is not null && row is not null ? stream : null;
        var inserted = Execute(connection, transaction, """
            INSERT INTO _gh_events (source, event_id, type, stream, object_id, created_at, received_at, outcome, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
            ON CONFLICT (source, event_id) DO NOTHING
            """,
            webhookEvent.Source, webhookEvent.EventId, webhookEvent.Type, target?.FullName, target is null ? null : row!.Id,
            webhookEvent.Created is { } created ? SqliteTime.ToText(created) : null, received, webhookEvent.PayloadJson);
        if (inserted == 0)
        {
            return EventOutcome.Duplicate;
        }

        var outcome = EventOutcome.Stored;
        if (target is not null)
        {
            var writer = Writer(connection, target);
            writer.Bind(transaction);
            outcome = writer.MergeRow(row!, received, runId: null, application.KeepStoredOnTie) switch
            {
                SqliteStreamWriter.RowResult.Inserted or SqliteStreamWriter.RowResult.Updated => EventOutcome.Applied,
                SqliteStreamWriter.RowResult.Deleted => EventOutcome.Deleted,
                SqliteStreamWriter.RowResult.Stale => EventOutcome.Stale,
                _ => EventOutcome.Unchanged,
            };
            if (outcome == EventOutcome.Applied)
            {
                // A full refresh listing the stream meanwhile must not soft-delete what this event just wrote.
                Execute(connection, transaction, "INSERT OR IGNORE INTO _gh_seen (stream, id) VALUES ($1, $2)", target.FullName, row!.Id);
            }
        }

        Execute(connection, transaction, "UPDATE _gh_events SET outcome = $1 WHERE source = $2 AND event_id = $3",
            EventOutcomeText.Of(outcome), webhookEvent.Source, webhookEvent.EventId);
        return outcome;
    }

    private string EventTableKey(StreamDescriptor stream) =>
        TableName(stream) + "(" + string.Join(",", stream.Columns.Select(c => $"{c.Name}:{c.Type}")) + ")";
}
