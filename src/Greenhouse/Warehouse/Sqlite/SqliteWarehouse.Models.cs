using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// The model store: models' tables and views beside the raw ones, named <c>{schema}_{alias}</c> (SQLite has no
/// schemas; <c>analytics_fct_mrr</c> as <c>raw_stripe_customers</c>), their builds on the writer, and <c>_gh_model_runs</c>.
/// </summary>
internal sealed partial class SqliteWarehouse
{
    public ModelRelation ModelRelation(string schema, string alias) => Warehouse.ModelRelation.Create(Dialect, _rawSchema, schema, alias);

    public Task EnsureSchemaAsync(ModelRelation relation, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<RelationInfo?> DescribeRelationAsync(ModelRelation relation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return UseAsync(connection => SqliteRelations.Describe(connection, null, relation.TableName), cancellationToken);
    }

    public Task<RelationInfo?> DescribeRelationAsync(string schema, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(name);
        return UseAsync(connection => SqliteRelations.Describe(connection, null, Dialect.TableName(schema, name)), cancellationToken);
    }

    /// <summary>Holds the writer (the gate every other write waits on) from here until the build is disposed.</summary>
    public async Task<IRelationBuild> BeginBuildAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ??= Open(SqliteOpenMode.ReadWriteCreate);
            return new SqliteRelationBuild(connection, connection.BeginTransaction(), _fullPath, _metadata.InsertModelRun, () => _gate.Release());
        }
        catch (SqliteException ex)
        {
            _gate.Release();
            throw SqliteErrors.Translate(ex, _fullPath);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public Task<long> BeginTransformRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BeginRunAsync(_metadata.InsertTransformRun, trigger, now, cancellationToken);

    public Task RecordModelRunsAsync(IReadOnlyList<ModelRunRecord> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Count == 0 ? Task.CompletedTask : UseAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var run in runs)
            {
                InsertModelRun(connection, transaction, _metadata.InsertModelRun, run);
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <summary>One row of <c>_gh_model_runs</c>, with <paramref name="insert"/> (<see cref="MetadataSql.InsertModelRun"/>).</summary>
    internal static void InsertModelRun(SqliteConnection connection, SqliteTransaction? transaction, string insert, ModelRunRecord run) =>
        Execute(connection, transaction, insert,
            run.RunId, run.Node, run.Materialization, StoredText.ModelStatus(run.Status), run.RowsAffected, run.Seconds, run.Error, run.SqlHash,
            SqliteTime.ToText(run.StartedAt), SqliteTime.ToText(run.FinishedAt));

    public Task<IReadOnlyList<ModelRunRecord>> ReadModelRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default) =>
        UseAsync(async connection =>
        {
            using var command = Command(connection, null, _metadata.ReadModelRuns, runId, limit);
            using var reader = command.ExecuteReader();
            return (IReadOnlyList<ModelRunRecord>)await MetadataRows.AllAsync(reader, r => MetadataRows.ModelRun(r, Instant), cancellationToken);
        }, cancellationToken);
}
