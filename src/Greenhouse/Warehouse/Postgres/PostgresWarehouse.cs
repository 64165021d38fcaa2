using System.Net.Sockets;
using Greenhouse.Sources;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// A PostgreSQL warehouse: stream tables and metadata tables in one schema. Batches run on one kept
/// connection (its temp staging tables and prepared statements are reused); everything else uses the pool.
/// One file per concern: the batch commit, runs, state, stream tables, the SQL client, events, alerts, schedule.
/// </summary>
internal sealed partial class PostgresWarehouse : IWarehouse
{
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly NpgsqlConnectionStringBuilder _readerSettings;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource? _readerSource;
    private readonly NpgsqlConnectionStringBuilder? _modelReaderSettings;
    private readonly NpgsqlDataSource? _modelReaderSource;
    private readonly string _lockConnectionString;
    private readonly string _rawSchema;
    private readonly string _schema;
    private readonly SemaphoreSlim _batchGate = new(1, 1);
    private readonly Dictionary<string, PostgresStreamSql> _streamSql = new(StringComparer.Ordinal);
    private readonly MetadataSql _metadata;
    private readonly MigrateOnce _migrations;
    private NpgsqlConnection? _batchConnection;
    private bool _disposed;

    /// <param name="reader">A login that can only read (<c>greenhouse grant reader</c>), for read-only queries; null: the owner's, inside <c>READ ONLY</c>.</param>
    /// <param name="modelReader">A login that can read only the modelled schemas, for queries limited to them (<see cref="QueryOptions.ModelSchema"/>); null: those are refused.</param>
    public PostgresWarehouse(NpgsqlConnectionStringBuilder settings, string rawSchema, NpgsqlConnectionStringBuilder? reader = null, NpgsqlConnectionStringBuilder? modelReader = null)
    {
        _modelReaderSettings = modelReader;
        _modelReaderSource = modelReader is null ? null : NpgsqlDataSource.Create(modelReader.ConnectionString);
        _settings = settings;
        _rawSchema = rawSchema;
        _schema = SqlIdentifier.Quote(rawSchema);
        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        _readerSource = reader is null ? null : NpgsqlDataSource.Create(reader.ConnectionString);
        _readerSettings = reader ?? settings;
        // The run lock gets its own unpooled connection: closing it must really end the session holding the lock.
        _lockConnectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString;
        Description = PostgresConnectionSpec.Describe(settings);
        _metadata = new MetadataSql(_schema + ".");
        _migrations = new MigrateOnce(ApplyMigrationsAsync);
    }

    public WarehouseDialect Dialect => PostgresDialect.Instance;

    public string Description { get; }

    public string TableSql(StreamDescriptor stream) => Dialect.Relation(_rawSchema, stream.TableName);

    public string MetadataTableSql(string table) => $"{Dialect.Quote(_rawSchema)}.{Dialect.Quote(table)}";

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _migrations.RunAsync(cancellationToken);

    public async Task CheckReadableAsync(bool metadata = true, CancellationToken cancellationToken = default)
    {
        if (!metadata)
        {
            return;
        }

        var where = $"Schema {_rawSchema} at {Description}";
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('{_schema}._gh_migrations') IS NOT NULL", connection);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                throw MigrationLevel.NoMetadata(where);
            }

            await using var version = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {_schema}._gh_migrations", connection);
            var applied = Convert.ToInt64(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (MigrationLevel.Check(where, applied, PostgresMigrations.For(_schema, _rawSchema).Count) is { } problem)
            {
                throw problem;
            }
        }
        catch (PostgresException ex)
        {
            throw new WarehouseException($"Cannot read Greenhouse's tables in {where} as '{_settings.Username}': {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    private async Task ApplyMigrationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateSchemaAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new WarehouseException(
                $"The login '{_settings.Username}' may not create or update Greenhouse's tables in schema {_rawSchema} at {Description} ({ex.MessageText}). "
                + "Run sync, migrate and transform as the warehouse's owner; a read-only login can run query, status and state show, which never change anything.", ex);
        }
        catch (PostgresException ex)
        {
            throw new WarehouseException($"Migrating Greenhouse's tables in schema {_rawSchema} at {Description} failed: {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _settings);
        }
    }

    private async Task MigrateSchemaAsync(CancellationToken cancellationToken)
    {
        var migrations = PostgresMigrations.For(_schema, _rawSchema);
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
                await migrations[version - 1](connection, cancellationToken);
                await ExecuteAsync(connection, $"INSERT INTO {_schema}._gh_migrations (version) VALUES ($1)", cancellationToken, version);
            }
        }

        await transaction.CommitAsync(cancellationToken);
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
        if (_modelReaderSource is not null)
        {
            await _modelReaderSource.DisposeAsync();
        }

        if (_readerSource is not null)
        {
            await _readerSource.DisposeAsync();
        }

        _batchGate.Dispose();
        _migrations.Dispose();
    }

    /// <summary>
    /// Serializes schema changes of this raw schema across processes for the rest of the transaction, and
    /// creates the schema if it is missing (checking first: CREATE SCHEMA needs a privilege an existing schema does not).
    /// </summary>
    private Task LockDdlAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => LockSchemaAsync(connection, _rawSchema, cancellationToken);

    /// <inheritdoc cref="LockDdlAsync"/>
    private static async Task LockSchemaAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var quoted = SqlIdentifier.Quote(schema);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1), to_regnamespace($2) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresRunLock.KeyFor("greenhouse:ddl:" + schema) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = quoted });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(1))
            {
                return;
            }
        }

        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {quoted}", cancellationToken);
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

    /// <summary>A connection for queries limited to the modelled schemas: the model reader login's; refused when there is none.</summary>
    private async Task<NpgsqlConnection> OpenModelReaderAsync(CancellationToken cancellationToken)
    {
        if (_modelReaderSource is null)
        {
            throw new WarehouseException(
                "Query refused: on PostgreSQL a viewer's SQL runs as a login that can read only the modelled schemas, and none is set. "
                + "An admin runs 'greenhouse grant reader greenhouse_models --models-only --password-env VAR' and sets model_reader: in greenhouse.yml to that login.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await _modelReaderSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _modelReaderSettings!);
        }
    }

    /// <summary>A connection for read-only queries: the reader login's when configured, else the owner's.</summary>
    private async Task<NpgsqlConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (_readerSource is null)
        {
            return await OpenAsync(cancellationToken);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await _readerSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresErrors.Translate(ex, _readerSettings);
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
