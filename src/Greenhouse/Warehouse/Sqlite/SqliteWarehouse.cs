using System.Data.Common;
using System.Globalization;
using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// A SQLite warehouse in one file: stream tables named <c>{rawSchema}_{table}</c> next to the <c>_gh_</c> metadata
/// tables. One connection (WAL, synchronous=NORMAL), used by one caller at a time.
/// </summary>
internal sealed partial class SqliteWarehouse : IWarehouse
{
    private static readonly Func<DbDataReader, int, DateTimeOffset> Instant = (reader, i) => SqliteTime.Parse(reader.GetString(i));

    private static readonly Lazy<bool> Native = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _fullPath;
    private readonly string _rawSchema;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteStreamWriter> _writers = new(StringComparer.Ordinal);
    private readonly MetadataSql _metadata = new("");
    private readonly MigrateOnce _migrations;
    private SqliteConnection? _connection;
    private bool _disposed;

    public SqliteWarehouse(string path, string rawSchema)
    {
        _fullPath = Path.GetFullPath(path);
        _rawSchema = rawSchema;
        _migrations = new MigrateOnce(ApplyMigrationsAsync);
    }

    public WarehouseDialect Dialect => SqliteDialect.Instance;

    public string Description => _fullPath;

    public static void InitializeNative() => _ = Native.Value;

    public string TableSql(StreamDescriptor stream) => Dialect.Relation(_rawSchema, stream.TableName);

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _migrations.RunAsync(cancellationToken);

    private Task<bool> ApplyMigrationsAsync(CancellationToken cancellationToken) => UseAsync(connection =>
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
        Execute(connection, transaction, _metadata.InterruptStreamRuns);
        Execute(connection, transaction, _metadata.InterruptRuns);
        using var insert = Command(connection, transaction, _metadata.InsertRun, trigger, SqliteTime.ToText(now));
        var runId = (long)insert.ExecuteScalar()!;
        transaction.Commit();
        return runId;
    }, cancellationToken);

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.FinishRun, StoredText.Status(status), SqliteTime.ToText(now), runId), cancellationToken);

    public Task BeginStreamRunAsync(long runId, string stream, SyncMode mode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.BeginStreamRun, runId, stream, StoredText.Mode(mode), SqliteTime.ToText(now)), cancellationToken);

    public Task FinishStreamRunAsync(long runId, string stream, RunStatus status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(connection => Execute(connection, null, _metadata.FinishStreamRun, StoredText.Status(status), error, SqliteTime.ToText(now), runId, stream), cancellationToken);

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

    public Task<IReadOnlyList<StateEntry>> ReadStateAsync(string? stream = null, CancellationToken cancellationToken = default) => UseAsync(async connection =>
    {
        using var command = Command(connection, null, _metadata.ReadState, stream);
        using var reader = command.ExecuteReader();
        return (IReadOnlyList<StateEntry>)await MetadataRows.AllAsync(reader, r => MetadataRows.State(r, Instant), cancellationToken);
    }, cancellationToken);

    public Task<int> ResetStateAsync(string stream, CancellationToken cancellationToken = default) => UseAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var removed = Execute(connection, transaction, _metadata.DeleteState, stream);
        Execute(connection, transaction, _metadata.DeleteSeen, stream);
        transaction.Commit();
        return removed;
    }, cancellationToken);

    public Task<IReadOnlyList<StreamRunRecord>> ReadStreamRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default) =>
        UseAsync(async connection =>
        {
            using var command = Command(connection, null, _metadata.ReadStreamRuns, runId, limit);
            using var reader = command.ExecuteReader();
            return (IReadOnlyList<StreamRunRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.StreamRun(r, Instant), cancellationToken);
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
            _migrations.Dispose();
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

    private string TableName(StreamDescriptor stream) => Dialect.TableName(_rawSchema, stream.TableName);

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
    private Task<T> UseAsync<T>(Func<SqliteConnection, T> operation, CancellationToken cancellationToken) =>
        UseAsync(connection => Task.FromResult(operation(connection)), cancellationToken);

    /// <inheritdoc cref="UseAsync{T}(Func{SqliteConnection, T}, CancellationToken)"/>
    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            return await operation(_connection ??= Open(SqliteOpenMode.ReadWriteCreate));
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

    /// <summary>The connection policy: unpooled; the writer (ReadWriteCreate) in WAL with synchronous=NORMAL; any connection waits up to 10 s on a lock.</summary>
    private SqliteConnection Open(SqliteOpenMode mode)
    {
        InitializeNative();
        CheckDirectory();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _fullPath,
            Mode = mode,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, mode == SqliteOpenMode.ReadOnly
                ? "PRAGMA busy_timeout = 10000;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
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
