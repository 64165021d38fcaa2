using System.Data;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// A PostgreSQL warehouse: stream tables and metadata tables in one schema. Batches run on one kept
/// connection (its temp staging tables and prepared statements are reused); everything else uses the pool.
/// </summary>
internal sealed partial class PostgresWarehouse : IWarehouse
{
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _lockConnectionString;
    private readonly string _rawSchema;
    private readonly string _schema;
    private readonly SemaphoreSlim _batchGate = new(1, 1);
    private readonly Dictionary<string, PostgresStreamSql> _streamSql = new(StringComparer.Ordinal);
    private NpgsqlConnection? _batchConnection;
    private bool _disposed;

    public PostgresWarehouse(NpgsqlConnectionStringBuilder settings, string rawSchema)
    {
        _settings = settings;
        _rawSchema = rawSchema;
        _schema = SqlIdentifier.Quote(rawSchema);
        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        // The run lock gets its own unpooled connection: closing it must really end the session holding the lock.
        _lockConnectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString;
        Description = PostgresConnectionSpec.Describe(settings);
    }

    public string Kind => "postgresql";

    public string Description { get; }

    public string TableSql(StreamDescriptor stream) => $"{_schema}.{SqlIdentifier.Quote(stream.TableName)}";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = PostgresMigrations.For(_schema);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockDdlAsync(connection, cancellationToken);
        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {_schema}._gh_migrations (
                version int PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand($"SELECT version FROM {_schema}._gh_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        for (var version = 1; version <= migrations.Count; version++)
        {
            if (!applied.Contains(version))
            {
                await ExecuteAsync(connection, migrations[version - 1], cancellationToken);
                await ExecuteAsync(connection, $"INSERT INTO {_schema}._gh_migrations (version) VALUES ($1)", cancellationToken, version);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default)
    {
        var key = PostgresRunLock.KeyFor("greenhouse:" + _rawSchema);
        var connection = new NpgsqlConnection(_lockConnectionString);
        try
        {
            await OpenAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock($1)" : "SELECT pg_try_advisory_lock($1)", connection)
            {
                CommandTimeout = 0, // wait as long as the other run takes; cancellation still works
            };
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            var result = await command.ExecuteScalarAsync(cancellationToken);
            if (!wait && result is false)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new PostgresRunLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SqlIdentifier.CheckStream(stream);
        var sql = new PostgresStreamSql(_schema, stream, 0);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockDdlAsync(connection, cancellationToken);
        await ExecuteAsync(connection, sql.CreateTable, cancellationToken);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _rawSchema });
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.TableName });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var column in stream.Columns.Where(c => !existing.Contains(c.Name)))
        {
            await ExecuteAsync(connection,
                $"ALTER TABLE {sql.Table} ADD COLUMN IF NOT EXISTS {SqlIdentifier.Quote(column.Name)} {PostgresStreamSql.SqlType(column.Type)}",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"UPDATE {_schema}._gh_stream_runs SET status = 'interrupted' WHERE status = 'running'", cancellationToken);
        await ExecuteAsync(connection, $"UPDATE {_schema}._gh_runs SET status = 'interrupted' WHERE status = 'running'", cancellationToken);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {_schema}._gh_runs (trigger, status, started_at) VALUES ($1, 'running', $2) RETURNING run_id", connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = trigger });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        var runId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return runId;
    }

    public async Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"UPDATE {_schema}._gh_runs SET status = $1, finished_at = $2 WHERE run_id = $3",
            cancellationToken, StoredText.Status(status), now.ToUniversalTime(), runId);
    }

    public async Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            INSERT INTO {_schema}._gh_stream_runs (run_id, stream, mode, status, started_at)
            VALUES ($1, $2, $3, 'running', $4)
            ON CONFLICT (run_id, stream) DO UPDATE SET mode = excluded.mode, status = excluded.status,
                started_at = excluded.started_at, finished_at = NULL, error = NULL
            """, cancellationToken, runId, stream, StoredText.Mode(mode), now.ToUniversalTime());
    }

    public async Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"UPDATE {_schema}._gh_stream_runs SET status = $1, error = $2, finished_at = $3 WHERE run_id = $4 AND stream = $5", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StoredText.Status(status) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
                await ExecuteAsync(connection, $"DELETE FROM {_schema}._gh_seen WHERE stream = $1", cancellationToken, streamName);
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
                        Command($"DELETE FROM {_schema}._gh_seen WHERE stream = $1", streamName),
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

    public async Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT stream, partition, value::text, updated_at, run_id FROM {_schema}._gh_state WHERE $1::text IS NULL OR stream = $1 ORDER BY stream, partition",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stream ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StateEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StateEntry(
                reader.GetString(0),
                reader.GetString(1),
                JsonNode.Parse(reader.GetString(2))!.AsObject(),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return entries;
    }

    public async Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var reset = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"DELETE FROM {_schema}._gh_state WHERE stream = $1", stream),
                Command($"DELETE FROM {_schema}._gh_seen WHERE stream = $1", stream),
            },
        };
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await reset.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reset.BatchCommands[0].RecordsAffected;
    }

    public async Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT run_id, stream, mode, status, new, updated, unchanged, deleted, warnings, pages, started_at, finished_at, error
            FROM {_schema}._gh_stream_runs
            WHERE $1::bigint IS NULL OR run_id = $1
            ORDER BY run_id DESC, started_at DESC, stream
            LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<StreamRunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var startedAt = reader.GetFieldValue<DateTimeOffset>(10);
            DateTimeOffset? finishedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11);
            runs.Add(new StreamRunRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredText.ParseStatus(reader.GetString(3)),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
                startedAt, finishedAt, finishedAt is { } f ? (f - startedAt).TotalSeconds : 0,
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return runs;
    }

    public async Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var table = TableSql(stream);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE _gh_deleted_at IS NULL", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (reader.FieldCount > 0)
                {
                    var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                    var rows = new List<object?[]>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var row = new object?[reader.FieldCount];
                        for (var i = 0; i < row.Length; i++)
                        {
                            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        }

                        rows.Add(row);
                    }

                    return new QueryResult(columns, rows);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            return new QueryResult([], []);
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

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_batchConnection is not null)
        {
            await _batchConnection.DisposeAsync();
            _batchConnection = null;
        }

        await _dataSource.DisposeAsync();
        _batchGate.Dispose();
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
    /// One indexed read of the stored hashes for the whole batch, so an unchanged reload ships only ids (the merge
    /// still decides, and counts, what it writes).
    /// </summary>
    private static async Task<(IReadOnlyList<RecordRow> Changed, bool AnyStored)> ChangedRowsAsync(
        NpgsqlConnection connection, PostgresStreamSql sql, IReadOnlyList<RecordRow> rows, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, (string Hash, DateTimeOffset AsOf, bool Deleted)>(rows.Count, StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand(sql.ReadStored, connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Id)] });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = (reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3));
            }
        }

        if (stored.Count == 0)
        {
            return (rows, false);
        }

        // timestamptz keeps microseconds; compare at that precision.
        static long Micros(DateTimeOffset t) => t.UtcTicks / 10;
        return ([.. rows.Where(row => !stored.TryGetValue(row.Id, out var old)
            || (Micros(row.AsOf) >= Micros(old.AsOf) && (row.Hash != old.Hash || row.Deleted != old.Deleted)))], true);
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

    /// <summary>
    /// Serializes schema changes of this raw schema across processes for the rest of the transaction, and
    /// creates the schema if it is missing (checking first: CREATE SCHEMA needs a privilege an existing schema does not).
    /// </summary>
    private async Task LockDdlAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1), to_regnamespace($2) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresRunLock.KeyFor("greenhouse:ddl:" + _rawSchema) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schema });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(1))
            {
                return;
            }
        }

        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {_schema}", cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    private async Task OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
