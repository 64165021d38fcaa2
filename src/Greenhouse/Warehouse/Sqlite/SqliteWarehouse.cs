using System.Data.Common;
using System.Globalization;
using Greenhouse.Sources;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// A SQLite warehouse in one file: stream tables named <c>{rawSchema}_{table}</c> next to the <c>_gh_</c> metadata
/// tables. One connection (WAL, synchronous=NORMAL), used by one caller at a time; read-only queries open their own.
/// One file per concern: the batch commit, runs, state, stream tables, the SQL client, events, alerts, schedule.
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

    public string MetadataTableSql(string table) => Dialect.Quote(table);

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _migrations.RunAsync(cancellationToken);

    public Task CheckReadableAsync(bool metadata = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!File.Exists(_fullPath))
        {
            throw MigrationLevel.NoFile(_fullPath);
        }

        if (!metadata)
        {
            return Task.CompletedTask;
        }

        try
        {
            using var connection = Open(SqliteOpenMode.ReadOnly);
            using var exists = Command(connection, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_gh_migrations'");
            if ((long)exists.ExecuteScalar()! == 0)
            {
                throw MigrationLevel.NoMetadata($"The SQLite file {_fullPath}");
            }

            using var version = Command(connection, null, "SELECT coalesce(max(version), 0) FROM _gh_migrations");
            return MigrationLevel.Check($"The SQLite warehouse at {_fullPath}", (long)version.ExecuteScalar()!, SqliteMigrations.All.Count) is { } problem
                ? throw problem
                : Task.CompletedTask;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, _fullPath);
        }
    }

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
                SqliteMigrations.All[version - 1](connection, transaction);
                Execute(connection, transaction, "INSERT INTO _gh_migrations (version, applied_at) VALUES ($1, $2)",
                    version, SqliteTime.ToText(DateTimeOffset.UtcNow));
            }
        }

        transaction.Commit();
        return true;
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

    /// <summary>The connection policy: unpooled; Greenhouse's SQL functions (<see cref="SqliteFunctions"/>); the writer (ReadWriteCreate) in WAL with synchronous=NORMAL; any connection waits up to 10 s on a lock.</summary>
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
            SqliteFunctions.Register(connection);
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

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
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

    internal static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
