using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// A SQLite warehouse in one file: stream tables named <c>{rawSchema}_{table}</c> next to the <c>_gh_</c> metadata
/// tables. One connection (WAL, synchronous=NORMAL), used by one caller at a time.
/// </summary>
internal sealed partial class SqliteWarehouse(string path, string rawSchema) : IWarehouse
{
    private static readonly Lazy<bool> Native = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _fullPath = Path.GetFullPath(path);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteStreamWriter> _writers = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private bool _disposed;

    public string Kind => "sqlite";

    public string Description => _fullPath;

    public static void InitializeNative() => _ = Native.Value;

    public string TableSql(StreamDescriptor stream) => SqlIdentifier.Quote(TableName(stream));

    public Task MigrateAsync(CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction(); // BEGIN IMMEDIATE: racing migrators queue up
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS _gh_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)
            """);
        var applied = new HashSet<long>();
        using (var read = Command(connection, transaction, "SELECT version FROM _gh_migrations"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        for (var version = 1; version <= SqliteMigrations.All.Count; version++)
        {
            if (!applied.Contains(version))
            {
                Execute(connection, transaction, SqliteMigrations.All[version - 1]);
                Execute(connection, transaction, "INSERT INTO _gh_migrations (version, applied_at) VALUES ($1, $2)",
                    version, SqliteTime.ToText(DateTimeOffset.UtcNow));
            }
        }

        transaction.Commit();
        return true;
    }, cancellationToken);

    public async Task<IAsyncDisposable?> AcquireRunLockAsync(bool wait, CancellationToken cancellationToken = default)
    {
        CheckDirectory();
        return await SqliteRunLock.AcquireAsync(_fullPath + ".lock", wait, cancellationToken);
    }

    public Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SqlIdentifier.CheckStream(stream);
        var table = TableSql(stream);
        return UseAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var typed = stream.Columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {SqlType(c.Type)}, ");
            Execute(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS {table} (
                    id TEXT NOT NULL PRIMARY KEY,
                    {string.Concat(typed)}_gh_raw TEXT NOT NULL,
                    _gh_hash TEXT NOT NULL,
                    _gh_first_seen TEXT NOT NULL,
                    _gh_last_synced TEXT NOT NULL,
                    _gh_deleted_at TEXT,
                    _gh_as_of TEXT NOT NULL,
                    _gh_run_id INTEGER)
                """);

            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var read = Command(connection, transaction, "SELECT name FROM pragma_table_info($1)", TableName(stream)))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    existing.Add(reader.GetString(0));
                }
            }

            foreach (var column in stream.Columns.Where(c => !existing.Contains(c.Name)))
            {
                Execute(connection, transaction, $"ALTER TABLE {table} ADD COLUMN {SqlIdentifier.Quote(column.Name)} {SqlType(column.Type)}");
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    public Task<long> BeginRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "UPDATE _gh_stream_runs SET status = 'interrupted' WHERE status = 'running'");
        Execute(connection, transaction, "UPDATE _gh_runs SET status = 'interrupted' WHERE status = 'running'");
        using var insert = Command(connection, transaction,
            "INSERT INTO _gh_runs (trigger, status, started_at) VALUES ($1, 'running', $2) RETURNING run_id", trigger, SqliteTime.ToText(now));
        var runId = (long)insert.ExecuteScalar()!;
        transaction.Commit();
        return runId;
    }, cancellationToken);

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, "UPDATE _gh_runs SET status = $1, finished_at = $2 WHERE run_id = $3",
            StoredText.Status(status), SqliteTime.ToText(now), runId), cancellationToken);

    public Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, """
            INSERT INTO _gh_stream_runs (run_id, stream, mode, status, started_at) VALUES ($1, $2, $3, 'running', $4)
            ON CONFLICT (run_id, stream) DO UPDATE SET mode = excluded.mode, status = excluded.status,
                started_at = excluded.started_at, finished_at = NULL, error = NULL
            """, runId, stream, StoredText.Mode(mode), SqliteTime.ToText(now)), cancellationToken);

    public Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null,
            "UPDATE _gh_stream_runs SET status = $1, error = $2, finished_at = $3 WHERE run_id = $4 AND stream = $5",
            StoredText.Status(status), error, SqliteTime.ToText(now), runId, stream), cancellationToken);

    public Task<BatchCounts> CommitBatchAsync(BatchCommit batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var streamName = batch.Stream.FullName;
        var now = SqliteTime.ToText(batch.Now);
        return UseAsync(connection =>
        {
            var writer = Writer(connection, batch.Stream);
            using var transaction = connection.BeginTransaction();
            if (batch.StartFullRefresh)
            {
                Execute(connection, transaction, "DELETE FROM _gh_seen WHERE stream = $1", streamName);
            }

            var counts = writer.Merge(transaction, batch, cancellationToken);
            if (batch.FinishFullRefresh)
            {
                counts = counts with { Deleted = counts.Deleted + writer.SoftDeleteUnseen(transaction, batch) };
                Execute(connection, transaction, "DELETE FROM _gh_seen WHERE stream = $1", streamName);
            }

            Execute(connection, transaction, """
                INSERT INTO _gh_state (stream, partition, value, updated_at, run_id) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (stream, partition) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, run_id = excluded.run_id
                """, streamName, batch.Partition, batch.State.ToJsonString(), now, batch.RunId);
            Execute(connection, transaction, """
                UPDATE _gh_stream_runs SET new = new + $1, updated = updated + $2, unchanged = unchanged + $3,
                    deleted = deleted + $4, pages = pages + $5, warnings = warnings + $6
                WHERE run_id = $7 AND stream = $8
                """, counts.New, counts.Updated, counts.Unchanged, counts.Deleted, batch.Pages, batch.Warnings, batch.RunId, streamName);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return counts;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var command = Command(connection, null,
            "SELECT stream, partition, value, updated_at, run_id FROM _gh_state WHERE $1 IS NULL OR stream = $1 ORDER BY stream, partition", stream);
        using var reader = command.ExecuteReader();
        var entries = new List<StateEntry>();
        while (reader.Read())
        {
            entries.Add(new StateEntry(
                reader.GetString(0),
                reader.GetString(1),
                JsonNode.Parse(reader.GetString(2))!.AsObject(),
                SqliteTime.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return (IReadOnlyList<StateEntry>)entries;
    }, cancellationToken);

    public Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var removed = Execute(connection, transaction, "DELETE FROM _gh_state WHERE stream = $1", stream);
        Execute(connection, transaction, "DELETE FROM _gh_seen WHERE stream = $1", stream);
        transaction.Commit();
        return removed;
    }, cancellationToken);

    public Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default) =>
        UseAsync(connection =>
        {
            using var command = Command(connection, null, """
                SELECT run_id, stream, mode, status, new, updated, unchanged, deleted, warnings, pages, started_at, finished_at, error
                FROM _gh_stream_runs
                WHERE $1 IS NULL OR run_id = $1
                ORDER BY run_id DESC, started_at DESC, stream
                LIMIT $2
                """, runId, limit);
            using var reader = command.ExecuteReader();
            var runs = new List<StreamRunRecord>();
            while (reader.Read())
            {
                var startedAt = SqliteTime.Parse(reader.GetString(10));
                DateTimeOffset? finishedAt = reader.IsDBNull(11) ? null : SqliteTime.Parse(reader.GetString(11));
                runs.Add(new StreamRunRecord(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredText.ParseStatus(reader.GetString(3)),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
                    startedAt, finishedAt, finishedAt is { } f ? (f - startedAt).TotalSeconds : 0,
                    reader.IsDBNull(12) ? null : reader.GetString(12)));
            }

            return (IReadOnlyList<StreamRunRecord>)runs;
        }, cancellationToken);

    public Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return UseAsync(connection =>
        {
            using var exists = Command(connection, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1", TableName(stream));
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return 0L;
            }

            using var count = Command(connection, null, $"SELECT count(*) FROM {TableSql(stream)} WHERE _gh_deleted_at IS NULL");
            return (long)count.ExecuteScalar()!;
        }, cancellationToken);
    }

    public Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        try
        {
            using var command = Command(connection, null, sql);
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            while (reader.Read())
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
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            throw new WarehouseException($"Query failed: {ex.Message}", ex);
        }
    }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            foreach (var writer in _writers.Values)
            {
                writer.Dispose();
            }

            _writers.Clear();
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string TableName(StreamDescriptor stream) => $"{rawSchema}_{stream.TableName}";

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "TEXT",
        ColumnType.Integer => "INTEGER",
        ColumnType.Decimal => "TEXT", // kept exact, as invariant text
        ColumnType.Boolean => "INTEGER",
        ColumnType.Timestamp => "TEXT", // ISO 8601 UTC
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private SqliteStreamWriter Writer(SqliteConnection connection, StreamDescriptor stream)
    {
        var signature = TableName(stream) + "(" + string.Join(",", stream.Columns.Select(c => $"{c.Name}:{c.Type}")) + ")";
        if (!_writers.TryGetValue(signature, out var writer))
        {
            SqlIdentifier.CheckStream(stream);
            writer = new SqliteStreamWriter(connection, stream, TableSql(stream));
            _writers[signature] = writer;
        }

        return writer;
    }

    /// <summary>Runs one operation on the connection, one at a time, translating errors about the file.</summary>
    private async Task<T> UseAsync<T>(Func<SqliteConnection, T> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            return operation(_connection ??= Open());
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is not 1 and not 19)
        {
            throw SqliteErrors.Translate(ex, _fullPath);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteConnection Open()
    {
        InitializeNative();
        CheckDirectory();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CheckDirectory()
    {
        var directory = Path.GetDirectoryName(_fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new WarehouseException(
                $"Cannot open the SQLite warehouse at {_fullPath}: the directory {directory} does not exist. Create it or fix the warehouse setting.");
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
