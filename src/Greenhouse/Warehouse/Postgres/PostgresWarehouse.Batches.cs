using System.Data;
using System.Net.Sockets;
using Greenhouse.Sources;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// The batch commit: one transaction per checkpoint on the kept batch connection (its temp staging tables and
/// prepared statements are reused): a COPY straight into the table during a first load, else COPY to staging and merge.
/// </summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<BatchCounts> CommitBatchAsync(BatchCommit batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = batch.Now.ToUniversalTime();
        var streamName = batch.Stream.FullName;
        await _batchGate.WaitAsync(cancellationToken);
        try
        {
            var connection = await BatchConnectionAsync(cancellationToken);
            var sql = await StreamSqlAsync(connection, batch.Stream, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // A batch's rows and its cursor commit together, so losing the last few batches in a server crash
            // costs only a re-read: the next run resumes from the cursor that survived. No need to wait for the flush.
            await ExecuteAsync(connection, "SET LOCAL synchronous_commit TO OFF", cancellationToken);

            if (batch.StartFullRefresh)
            {
                await ExecuteAsync(connection, _metadata.DeleteSeen, cancellationToken, streamName);
            }

            if (sql.ReadBeforeWriteRun != batch.RunId)
            {
                (sql.ReadBeforeWrite, sql.ReadBeforeWriteRun) = (true, batch.RunId);
            }

            var rows = NewestRows.Of(batch.Rows);
            var counts = new BatchCounts(0, 0, rows.Count, 0);
            // Without the read (skipped during a first load), whether the rows are new is only a guess the COPY checks.
            var (changed, anyStored) = rows.Count > 0 && sql.ReadBeforeWrite
                ? await ChangedRowsAsync(connection, sql, rows, cancellationToken)
                : (rows, false);
            if (changed.Count > 0 && !anyStored && changed.All(r => !r.Deleted)
                && await TryCopyNewRowsAsync(connection, transaction, sql, batch, changed, now, cancellationToken))
            {
                // A first load: every row is new, so it goes straight into the table, at the speed of a plain COPY.
                counts = new BatchCounts(changed.Count, 0, 0, 0);
                sql.ReadBeforeWrite = false;
            }
            else if (changed.Count > 0)
            {
                await CopyToStagingAsync(connection, sql, batch.Stream, changed, cancellationToken);
                counts = await MergeAsync(connection, sql, batch, rows.Count, now, cancellationToken);

                // While batches are all new (a first load), skip the read; once one holds rows we already had, read again.
                sql.ReadBeforeWrite = changed.Count < rows.Count || counts.New + counts.Updated + counts.Deleted < rows.Count;
            }

            if (batch.TrackSeen && rows.Count > 0)
            {
                await using var seen = new NpgsqlCommand(
                    $"INSERT INTO {_schema}._gh_seen (stream, id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", connection);
                seen.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamName });
                seen.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Id)] });
                await seen.ExecuteNonQueryAsync(cancellationToken);
            }

            if (batch.FinishFullRefresh)
            {
                await ExecuteAsync(connection, sql.AnalyzeSeen, cancellationToken);
                await using var finish = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        Command(sql.SoftDeleteUnseen, now, batch.RunId, streamName),
                        Command(_metadata.DeleteSeen, streamName),
                    },
                };
                var gone = (int)(await finish.ExecuteScalarAsync(cancellationToken))!;
                counts = counts with { Deleted = counts.Deleted + gone };
            }

            await using (var bookkeeping = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command($"""
                        INSERT INTO {_schema}._gh_state (stream, partition, value, updated_at, run_id)
                        VALUES ($1, $2, $3::jsonb, $4, $5)
                        ON CONFLICT (stream, partition) DO UPDATE SET value = excluded.value,
                            updated_at = excluded.updated_at, run_id = excluded.run_id
                        """, streamName, batch.Partition, batch.State.ToJsonString(), now, batch.RunId),
                    Command($"""
                        UPDATE {_schema}._gh_stream_runs SET new = new + $1, updated = updated + $2, unchanged = unchanged + $3,
                            deleted = deleted + $4, pages = pages + $5, warnings = warnings + $6
                        WHERE run_id = $7 AND stream = $8
                        """, counts.New, counts.Updated, counts.Unchanged, counts.Deleted, batch.Pages, batch.Warnings, batch.RunId, streamName),
                },
            })
            {
                await bookkeeping.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return counts;
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || ex is SocketException or IOException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
        finally
        {
            await DropBatchConnectionIfBrokenAsync();
            _batchGate.Release();
        }
    }

    /// <summary>
    /// COPYs rows believed new straight into the table, under a savepoint: if one exists after all (another
    /// writer, or a batch the read was skipped for), the savepoint is rolled back and the caller merges instead.
    /// </summary>
    private static async Task<bool> TryCopyNewRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresStreamSql sql, BatchCommit batch, IReadOnlyList<RecordRow> rows,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("gh_copy_new", cancellationToken);
        try
        {
            await using (var importer = await connection.BeginBinaryImportAsync(sql.CopyNew, cancellationToken))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await WriteKeyAndColumnsAsync(importer, sql, batch.Stream, row, cancellationToken);
                    await importer.WriteAsync(row.RawJson, NpgsqlDbType.Jsonb, cancellationToken);
                    await importer.WriteAsync(row.Hash, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteNullAsync(cancellationToken);
                    await importer.WriteAsync(row.AsOf.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(batch.RunId, NpgsqlDbType.Bigint, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await transaction.ReleaseAsync("gh_copy_new", cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("gh_copy_new", cancellationToken);
            return false;
        }
    }

    private static async Task WriteKeyAndColumnsAsync(
        NpgsqlBinaryImporter importer, PostgresStreamSql sql, StreamDescriptor stream, RecordRow row, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(row.Id, NpgsqlDbType.Text, cancellationToken);
        for (var c = 0; c < sql.DbTypes.Length; c++)
        {
            // Typed writes: Npgsql then needs no per-value type lookup.
            var write = ColumnValues.Normalize(stream, row, c) switch
            {
                null => importer.WriteNullAsync(cancellationToken),
                string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
                long integer => importer.WriteAsync(integer, NpgsqlDbType.Bigint, cancellationToken),
                decimal number => importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken),
                bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
                DateTimeOffset instant => importer.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken),
                var other => importer.WriteAsync(other, sql.DbTypes[c], cancellationToken),
            };
            await write;
        }
    }

    private static async Task CopyToStagingAsync(
        NpgsqlConnection connection, PostgresStreamSql sql, StreamDescriptor stream, IReadOnlyList<RecordRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(sql.Copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await WriteKeyAndColumnsAsync(importer, sql, stream, row, cancellationToken);
            await importer.WriteAsync(row.RawJson, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Hash, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.AsOf.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.Deleted, NpgsqlDbType.Boolean, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<BatchCounts> MergeAsync(
        NpgsqlConnection connection, PostgresStreamSql sql, BatchCommit batch, int distinct, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var merge = new NpgsqlBatch(connection) { BatchCommands = { Command(sql.Merge, now, batch.RunId) } };
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        int written = reader.GetInt32(0), inserted = reader.GetInt32(1), insertedDeleted = reader.GetInt32(2), deletedLive = reader.GetInt32(3);
        return new BatchCounts(inserted, written - inserted - insertedDeleted - deletedLive, distinct - written, insertedDeleted + deletedLive);
    }

    /// <summary>
    /// The rows worth sending: new ids, and rows not older than the stored snapshot whose content or deletion differs.
    /// First only the keys go up and a digest of the stored hashes comes back: equal to the batch's own, nothing changed
    /// (an unchanged reload ships nothing else). Otherwise one query compares the whole batch on the server and answers
    /// only the positions to write (the merge still decides, and counts, what it writes).
    /// </summary>
    private static async Task<(IReadOnlyList<RecordRow> Changed, bool AnyStored)> ChangedRowsAsync(
        NpgsqlConnection connection, PostgresStreamSql sql, IReadOnlyList<RecordRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        await using (var digest = new NpgsqlCommand(sql.StoredDigest, connection) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = ids } } })
        await using (var reader = await digest.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var stored = reader.GetInt32(1);
            if (stored == 0)
            {
                return (rows, false);
            }

            if (stored == rows.Count && reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(PostgresStreamSql.BatchDigest(rows)))
            {
                return ([], true);
            }
        }

        await using var read = new NpgsqlCommand(sql.ChangedPositions, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = ids },
                new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Hash)] },
                new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.AsOf.ToUniversalTime())] },
                new NpgsqlParameter<bool[]> { TypedValue = [.. rows.Select(r => r.Deleted)] },
            },
        };
        await using var changed = await read.ExecuteReaderAsync(cancellationToken);
        await changed.ReadAsync(cancellationToken);
        var positions = changed.GetFieldValue<int[]>(0);
        return ([.. positions.Order().Select(p => rows[p - 1])], true);
    }

    /// <summary>The SQL for this stream's current shape, with its staging table created on the batch connection.</summary>
    private async Task<PostgresStreamSql> StreamSqlAsync(NpgsqlConnection connection, StreamDescriptor stream, CancellationToken cancellationToken)
    {
        var signature = PostgresStreamSql.Signature(stream);
        if (!_streamSql.TryGetValue(signature, out var sql))
        {
            SqlIdentifier.CheckStream(stream);
            sql = new PostgresStreamSql(_schema, stream, _streamSql.Count + 1);
            await ExecuteAsync(connection, sql.CreateStaging, cancellationToken);
            _streamSql[signature] = sql;
        }

        return sql;
    }

    private async Task<NpgsqlConnection> BatchConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _batchConnection ??= await OpenAsync(cancellationToken);
    }

    /// <summary>After a lost connection, start over with a new one (and new staging tables) next batch.</summary>
    private async Task DropBatchConnectionIfBrokenAsync()
    {
        if (_batchConnection is { } connection && (connection.FullState & ConnectionState.Open) == 0
            || _batchConnection?.FullState.HasFlag(ConnectionState.Broken) == true)
        {
            await _batchConnection!.DisposeAsync();
            _batchConnection = null;
            _streamSql.Clear();
        }
    }
}
