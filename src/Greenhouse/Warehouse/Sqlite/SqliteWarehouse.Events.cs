using System.Collections.Concurrent;
using Greenhouse.Sources;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>Webhook events: writes are serialized by the connection gate, like every other write of this warehouse.</summary>
internal sealed partial class SqliteWarehouse
{
    private readonly ConcurrentDictionary<string, bool> _eventTables = new(StringComparer.Ordinal);

    public async Task<EventOutcome> ApplyEventAsync(
        WebhookEvent webhookEvent, StreamDescriptor? stream, RecordRow? row, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var target = stream is not null && row is not null ? stream : null;
        if (target is not null && !_eventTables.ContainsKey(EventTableKey(target)))
        {
            await EnsureStreamTableAsync(target, cancellationToken);
            _eventTables[EventTableKey(target)] = true;
        }

        var received = SqliteTime.ToText(now);
        return await UseAsync(connection =>
        {
            // An acknowledged event must survive a power loss too: flush the WAL on this commit.
            Execute(connection, null, "PRAGMA synchronous = FULL");
            try
            {
                using var transaction = connection.BeginTransaction();
                var inserted = Execute(connection, transaction, """
                    INSERT INTO _gh_events (source, event_id, type, stream, object_id, created_at, received_at, outcome, payload)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
                    ON CONFLICT (source, event_id) DO NOTHING
                    """,
                    webhookEvent.Source, webhookEvent.EventId, webhookEvent.Type, target?.FullName, target is null ? null : row!.Id,
                    webhookEvent.Created is { } created ? SqliteTime.ToText(created) : null, received, webhookEvent.PayloadJson);
                if (inserted == 0)
                {
                    transaction.Rollback();
                    return EventOutcome.Duplicate;
                }

                var outcome = EventOutcome.Stored;
                if (target is not null)
                {
                    var writer = Writer(connection, target);
                    writer.Bind(transaction);
                    outcome = writer.MergeRow(row!, received, runId: null) switch
                    {
                        SqliteStreamWriter.RowResult.Inserted or SqliteStreamWriter.RowResult.Updated => EventOutcome.Applied,
                        SqliteStreamWriter.RowResult.Deleted => EventOutcome.Deleted,
                        SqliteStreamWriter.RowResult.Stale => EventOutcome.Stale,
                        _ => EventOutcome.Unchanged,
                    };
                }

                Execute(connection, transaction, "UPDATE _gh_events SET outcome = $1 WHERE source = $2 AND event_id = $3",
                    EventOutcomeText.Of(outcome), webhookEvent.Source, webhookEvent.EventId);
                transaction.Commit();
                return outcome;
            }
            finally
            {
                Execute(connection, null, "PRAGMA synchronous = NORMAL");
            }
        }, cancellationToken);
    }

    private string EventTableKey(StreamDescriptor stream) =>
        TableName(stream) + "(" + string.Join(",", stream.Columns.Select(c => $"{c.Name}:{c.Type}")) + ")";
}
