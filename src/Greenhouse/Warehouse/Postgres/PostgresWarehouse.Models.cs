using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The model store: models' schemas (apart from the raw one), their relations, their builds, and <c>_gh_model_runs</c>.</summary>
internal sealed partial class PostgresWarehouse
{
    /// <summary>The advisory lock a model build's swaps take, one per warehouse (see <see cref="PostgresRelationBuild"/>).</summary>
    private long SwapLockKey => PostgresRunLock.KeyFor("greenhouse:swap:" + _rawSchema);

    public ModelRelation ModelRelation(string schema, string alias) => Warehouse.ModelRelation.Create(Dialect, _rawSchema, schema, alias);

    public async Task EnsureSchemaAsync(ModelRelation relation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relation);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockSchemaAsync(connection, relation.Schema, cancellationToken);
        await GrantReadersAsync(connection, relation.Schema, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The configured reader logins (<c>reader:</c>, <c>model_reader:</c>) read a model schema made after they were
    /// granted: USAGE, and SELECT on its tables now and later. A login that does not exist (yet) is left to
    /// <c>greenhouse grant reader</c>.
    /// </summary>
    private async Task GrantReadersAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var owner = _settings.Username;
        var logins = new[] { _readerSource is null ? null : _readerSettings.Username, _modelReaderSettings?.Username }
            .OfType<string>().Where(l => l != owner).Distinct(StringComparer.Ordinal).ToList();
        if (logins.Count > 0)
        {
            await LockGrantsAsync(connection, cancellationToken);
        }

        foreach (var login in logins)
        {
            await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", connection) { Parameters = { new() { Value = login } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                var (quotedSchema, role) = (SqlIdentifier.Quote(schema), SqlIdentifier.Quote(login));
                await ExecuteAsync(connection, $"""
                    GRANT USAGE ON SCHEMA {quotedSchema} TO {role};
                    GRANT SELECT ON ALL TABLES IN SCHEMA {quotedSchema} TO {role};
                    ALTER DEFAULT PRIVILEGES IN SCHEMA {quotedSchema} GRANT SELECT ON TABLES TO {role};
                    """, cancellationToken);
            }
        }
    }

    public async Task<RelationInfo?> DescribeRelationAsync(ModelRelation relation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relation);
        await using var connection = await OpenAsync(cancellationToken);
        return await PostgresRelations.DescribeAsync(connection, relation, cancellationToken);
    }

    public async Task<RelationInfo?> DescribeRelationAsync(string schema, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken);
        var (kind, columns) = await PostgresRelations.ReadAsync(connection, schema, name, cancellationToken);
        return kind switch
        {
            "r" or "p" or "f" => new RelationInfo(RelationKind.Table, columns),
            "v" or "m" => new RelationInfo(RelationKind.View, columns),
            _ => null, // missing, or an index, sequence or type: no relation a query reads
        };
    }

    public async Task<IRelationBuild> BeginBuildAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // A build's commit need not wait for the WAL to reach the disk: a server crash then loses at most the last
            // builds, each with its _gh_model_runs record (one transaction), and the next run builds them again.
            await ExecuteAsync(connection, "SET LOCAL synchronous_commit TO OFF", cancellationToken);
            return new PostgresRelationBuild(connection, transaction, SwapLockKey, _metadata.InsertModelRun, _settings);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<long> BeginTransformRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BeginRunAsync(_metadata.InsertTransformRun, trigger, now, cancellationToken);

    public async Task RecordModelRunsAsync(IReadOnlyList<ModelRunRecord> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var run in runs)
        {
            var insert = new NpgsqlBatchCommand(_metadata.InsertModelRun);
            AddModelRunParameters(insert.Parameters, run);
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken); // a batch runs in one implicit transaction
    }

    /// <summary>The parameters of <see cref="MetadataSql.InsertModelRun"/> for one record.</summary>
    internal static void AddModelRunParameters(NpgsqlParameterCollection parameters, ModelRunRecord run)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = run.RunId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Node });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Materialization });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = StoredText.ModelStatus(run.Status) });
        parameters.Add(new NpgsqlParameter { Value = (object?)run.RowsAffected ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = run.Seconds });
        parameters.Add(new NpgsqlParameter { Value = (object?)run.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)run.SqlHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = run.StartedAt.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = run.FinishedAt.ToUniversalTime() });
    }

    public async Task<IReadOnlyList<ModelRunRecord>> ReadModelRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_metadata.ReadModelRuns, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await MetadataRows.AllAsync(reader, r => MetadataRows.ModelRun(r, Instant), cancellationToken);
    }
}
