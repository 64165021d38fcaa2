using System.Globalization;
using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// Prepared commands that merge one stream's rows, reused for every batch: read the stored hash, snapshot
/// instant and deletion of an id, then insert, update or leave the row alone.
/// </summary>
internal sealed class SqliteStreamWriter : IDisposable
{
    private readonly StreamDescriptor _stream;
    private readonly SqliteCommand _select;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _seen;
    private readonly SqliteCommand _softDeleteUnseen;

    public SqliteStreamWriter(SqliteConnection connection, StreamDescriptor stream, string table)
    {
        _stream = stream;
        var columns = stream.Columns.Select(c => SqlIdentifier.Quote(c.Name)).ToArray();
        var values = stream.Columns.Select((_, i) => $"$c{i}").ToArray();

        _select = Prepare(connection, $"SELECT _gh_hash, _gh_as_of, _gh_deleted_at FROM {table} WHERE id = $id", "$id");
        _insert = Prepare(connection, $"""
            INSERT INTO {table} (id, {string.Concat(columns.Select(c => c + ", "))}_gh_raw, _gh_hash, _gh_first_seen, _gh_last_synced,
                _gh_deleted_at, _gh_as_of, _gh_run_id)
            VALUES ($id, {string.Concat(values.Select(v => v + ", "))}$raw, $hash, $now, $now, $deleted_at, $as_of, $run)
            """, ["$id", .. values, "$raw", "$hash", "$now", "$deleted_at", "$as_of", "$run"]);
        _update = Prepare(connection, $"""
            UPDATE {table} SET {string.Concat(columns.Select((c, i) => $"{c} = {values[i]}, "))}_gh_raw = $raw, _gh_hash = $hash,
                _gh_last_synced = $now, _gh_deleted_at = $deleted_at, _gh_as_of = $as_of, _gh_run_id = $run
            WHERE id = $id
            """, ["$id", .. values, "$raw", "$hash", "$now", "$deleted_at", "$as_of", "$run"]);
        _seen = Prepare(connection, "INSERT OR IGNORE INTO _gh_seen (stream, id) VALUES ($stream, $id)", "$stream", "$id");
        _softDeleteUnseen = Prepare(connection, $"""
            UPDATE {table} SET _gh_deleted_at = $now, _gh_run_id = $run
            WHERE _gh_deleted_at IS NULL AND id NOT IN (SELECT id FROM _gh_seen WHERE stream = $stream)
            """, "$now", "$run", "$stream");
    }

    /// <summary>Merges the rows inside <paramref name="transaction"/>; duplicate ids keep the newest snapshot.</summary>
    public BatchCounts Merge(SqliteTransaction transaction, BatchCommit batch, CancellationToken cancellationToken)
    {
        Bind(transaction);
        var rows = NewestRows.Of(batch.Rows);
        var now = SqliteTime.ToText(batch.Now);
        int inserted = 0, updated = 0, unchanged = 0, deleted = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (batch.TrackSeen)
            {
                _seen.Parameters[0].Value = batch.Stream.FullName;
                _seen.Parameters[1].Value = row.Id;
                _seen.ExecuteNonQuery();
            }

            switch (MergeRow(row, now, batch.RunId))
            {
                case RowResult.Inserted:
                    inserted++;
                    break;
                case RowResult.Updated:
                    updated++;
                    break;
                case RowResult.Deleted:
                    deleted++;
                    break;
                default:
                    unchanged++;
                    break;
            }
        }

        return new BatchCounts(inserted, updated, unchanged, deleted);
    }

    /// <summary>What merging one row did.</summary>
    public enum RowResult
    {
        Inserted,
        Updated,
        Deleted,

        /// <summary>The stored snapshot is newer.</summary>
        Stale,

        /// <summary>Same content and deletion state as stored.</summary>
        Unchanged,

        /// <summary>A deletion of an id never landed: a no-op.</summary>
        Missing,
    }

    /// <summary>The stored snapshot of <paramref name="id"/>, or null, read outside any transaction.</summary>
    public StoredSnapshot? ReadStored(string id)
    {
        _select.Transaction = null;
        _select.Parameters[0].Value = id;
        using var reader = _select.ExecuteReader();
        return reader.Read() ? new StoredSnapshot(SqliteTime.Parse(reader.GetString(1)), reader.GetString(0), !reader.IsDBNull(2)) : null;
    }

    /// <summary>
    /// Merges one row inside the transaction the commands are bound to (see <see cref="Bind"/>); with
    /// <paramref name="keepStoredOnTie"/>, a row of the stored one's instant is not written (see <see cref="EventApplication.KeepStoredOnTie"/>).
    /// </summary>
    public RowResult MergeRow(RecordRow row, string now, long? runId, bool keepStoredOnTie = false)
    {
        var asOf = SqliteTime.ToText(row.AsOf);
        _select.Parameters[0].Value = row.Id;
        string? storedHash = null, storedAsOf = null, storedDeletedAt = null;
        var exists = false;
        using (var reader = _select.ExecuteReader())
        {
            if (reader.Read())
            {
                exists = true;
                storedHash = reader.GetString(0);
                storedAsOf = reader.GetString(1);
                storedDeletedAt = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        if (!exists)
        {
            // A deletion of an id never landed is a no-op: there is no row to soft-delete.
            if (row.Deleted)
            {
                return RowResult.Missing;
            }

            Write(_insert, row, asOf, now, null, runId);
            return RowResult.Inserted;
        }

        var wasDeleted = storedDeletedAt is not null;
        if (string.CompareOrdinal(asOf, storedAsOf) < 0)
        {
            return RowResult.Stale;
        }

        if (row.Hash == storedHash && row.Deleted == wasDeleted)
        {
            return RowResult.Unchanged;
        }

        if (keepStoredOnTie && asOf == storedAsOf)
        {
            return row.Hash != storedHash ? RowResult.Stale : RowResult.Unchanged;
        }

        Write(_update, row, asOf, now, row.Deleted ? storedDeletedAt ?? now : null, runId);
        return row.Deleted && !wasDeleted ? RowResult.Deleted : RowResult.Updated;
    }

    /// <summary>Binds the merge commands to <paramref name="transaction"/>.</summary>
    public void Bind(SqliteTransaction transaction)
    {
        foreach (var command in new[] { _select, _insert, _update, _seen })
        {
            command.Transaction = transaction;
        }
    }

    /// <summary>Soft-deletes the rows a finished full refresh did not see; returns how many.</summary>
    public int SoftDeleteUnseen(SqliteTransaction transaction, BatchCommit batch)
    {
        _softDeleteUnseen.Transaction = transaction;
        _softDeleteUnseen.Parameters[0].Value = SqliteTime.ToText(batch.Now);
        _softDeleteUnseen.Parameters[1].Value = batch.RunId;
        _softDeleteUnseen.Parameters[2].Value = batch.Stream.FullName;
        return _softDeleteUnseen.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _select.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _seen.Dispose();
        _softDeleteUnseen.Dispose();
    }

    private void Write(SqliteCommand command, RecordRow row, string asOf, string now, string? deletedAt, long? runId)
    {
        var p = command.Parameters;
        p[0].Value = row.Id;
        var n = _stream.Columns.Count;
        for (var c = 0; c < n; c++)
        {
            p[1 + c].Value = ToSqlite(ColumnValues.Normalize(_stream, row, c));
        }

        p[n + 1].Value = row.RawJson;
        p[n + 2].Value = row.Hash;
        p[n + 3].Value = now;
        p[n + 4].Value = (object?)deletedAt ?? DBNull.Value;
        p[n + 5].Value = asOf;
        p[n + 6].Value = (object?)runId ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        DateTimeOffset t => SqliteTime.ToText(t),
        _ => value,
    };

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
