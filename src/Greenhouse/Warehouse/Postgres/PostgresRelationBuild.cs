using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// A relation's build in one transaction on a pooled connection of its own. DDL is transactional, so a swap (drop the
/// old relation, rename the new one, re-create the views that depended on it) is seen all at once or not at all; a
/// reader waits on the lock and then reads the new relation. Swaps take one advisory lock per warehouse, so two
/// parallel builds never deadlock re-creating a view both their tables feed. A model's SQL runs as a single
/// statement (an <see cref="NpgsqlBatch"/> of one command), which PostgreSQL refuses to split into two.
/// </summary>
internal sealed class PostgresRelationBuild(
    NpgsqlConnection connection, NpgsqlTransaction transaction, long swapLockKey, string insertModelRun, NpgsqlConnectionStringBuilder settings)
    : IRelationBuild
{
    private bool _disposed;

    public Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken = default) => RunAsync(async () =>
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)Math.Max(await command.ExecuteNonQueryAsync(cancellationToken), 0);
    }, cancellationToken);

    public Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default) => RunAsync(async () =>
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await QueryReader.ReadAsync(reader, null, cancellationToken);
    }, cancellationToken);

    public Task<long> CreateTableAsAsync(ModelRelation table, string select, CancellationToken cancellationToken = default) =>
        RunAsync(() => CreateTableAs(table, select, cancellationToken), cancellationToken);

    /// <summary>Under the staging name, then swapped in: readers keep reading the old table meanwhile, and wait only for the swap.</summary>
    public async Task<long> ReplaceWithTableAsync(ModelRelation target, string select, CancellationToken cancellationToken = default)
    {
        var rows = await RunAsync(async () =>
        {
            await Execute(WarehouseDialect.DropTableIfExists(target.Staging.Sql), cancellationToken);
            return await CreateTableAs(target.Staging, select, cancellationToken);
        }, cancellationToken);
        await SwapInTableAsync(target, target.Staging, cancellationToken);
        return rows;
    }

    public Task RecordModelRunAsync(ModelRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunAsync(async () =>
        {
            await using var command = new NpgsqlCommand(insertModelRun, connection);
            PostgresWarehouse.AddModelRunParameters(command.Parameters, run);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    private async Task<long> CreateTableAs(ModelRelation table, string select, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(PostgresDialect.Instance.CreateTableAs(table.Sql, select)) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (long)batch.BatchCommands[0].Rows; // the "SELECT n" of CREATE TABLE AS
    }

    /// <summary>Binary COPY of the text values into a temporary table, then one INSERT casting each to its column's type.</summary>
    public Task<long> LoadTableAsync(
        ModelRelation table, IReadOnlyList<RelationColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await Execute(PostgresDialect.Instance.CreateTable(table.Sql, columns), cancellationToken);
            var types = new List<string>();
            await using (var read = new NpgsqlCommand(
                "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", connection))
            {
                read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table.Sql });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    types.Add(reader.GetString(0));
                }
            }

            var load = Enumerable.Range(0, columns.Count).Select(i => $"c{i}").ToList();
            await Execute($"CREATE TEMP TABLE gh_seed_load ({string.Join(", ", load.Select(c => c + " text"))}) ON COMMIT DROP", cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY gh_seed_load FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var value in row)
                    {
                        if (value is null)
                        {
                            await importer.WriteNullAsync(cancellationToken);
                        }
                        else
                        {
                            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
                        }
                    }
                }

                await importer.CompleteAsync(cancellationToken);
            }

            // Cast to the type without its modifier (varchar, not varchar(8)): the INSERT then checks the length as a literal's would, not cut it.
            var loaded = await Execute(
                $"INSERT INTO {table.Sql} SELECT {string.Join(", ", load.Select((c, i) => $"CAST({c} AS {types[i]})"))} FROM gh_seed_load", cancellationToken);
            await Execute("DROP TABLE gh_seed_load", cancellationToken);
            return loaded;
        }, cancellationToken);

    public Task<RelationInfo?> DescribeAsync(ModelRelation relation, CancellationToken cancellationToken = default) =>
        RunAsync(() => PostgresRelations.DescribeAsync(connection, relation, cancellationToken), cancellationToken);

    public Task SwapInTableAsync(ModelRelation target, ModelRelation staging, CancellationToken cancellationToken = default) =>
        ReplaceAsync(target, () => Execute($"ALTER TABLE {staging.Sql} RENAME TO {PostgresDialect.Instance.Quote(target.TableName)}", cancellationToken), cancellationToken);

    /// <summary>
    /// Over a view, <c>CREATE OR REPLACE VIEW</c>: the views that read it stay bound to it, so none is re-created (in a
    /// chain of views, re-creating every one below each rebuilt one costs the square of the chain). PostgreSQL allows it
    /// when the new columns extend the old ones (same names and types, in order) and refuses anything else (42P16); then,
    /// as over a table or nothing, the view is put in place with its dependants re-created.
    /// </summary>
    public Task ReplaceWithViewAsync(ModelRelation target, string select, CancellationToken cancellationToken = default) => RunAsync(async () =>
    {
        if ((await PostgresRelations.DescribeAsync(connection, target, cancellationToken))?.Kind == RelationKind.View)
        {
            await LockSwapsAsync(cancellationToken);
            await transaction.SaveAsync("gh_replace_view", cancellationToken);
            try
            {
                await ExecuteOne($"CREATE OR REPLACE VIEW {target.Sql} AS {select}", cancellationToken);
                await transaction.ReleaseAsync("gh_replace_view", cancellationToken);
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidTableDefinition)
            {
                await transaction.RollbackAsync("gh_replace_view", cancellationToken);
            }
        }

        return await ReplaceAsync(target, () => ExecuteOne(WarehouseDialect.CreateView(target.Sql, select), cancellationToken), cancellationToken);
    }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(async () =>
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await transaction.DisposeAsync(); // rolls back unless committed
        await connection.DisposeAsync();
    }

    /// <summary>
    /// Locks the target, notes the views that depend on it, drops it with them (CASCADE), puts the new relation in its
    /// place with <paramref name="create"/> and re-creates the views, which now read the new relation.
    /// </summary>
    private Task<bool> ReplaceAsync(ModelRelation target, Func<Task> create, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var existing = await PostgresRelations.DescribeAsync(connection, target, cancellationToken);
        IReadOnlyList<string> dependants = [];
        if (existing is not null)
        {
            await LockSwapsAsync(cancellationToken);
            // Locks in the order a reader of a view takes them (the view, then what it reads), so the two never deadlock;
            // the second look finds any view created before the target was locked.
            await ExecuteAllAsync(
                [.. (await DependantsAsync(target, cancellationToken)).Reverse().Select(v => v.Name).Append(target.Sql).Select(r => $"LOCK TABLE {r} IN ACCESS EXCLUSIVE MODE")],
                cancellationToken);
            dependants = [.. (await DependantsAsync(target, cancellationToken)).Select(v => v.Create)];
            await Execute($"DROP {(existing.Kind == RelationKind.View ? "VIEW" : "TABLE")} {target.Sql} CASCADE", cancellationToken);
        }

        await create();
        await QualifiedAsync(async () =>
        {
            await ExecuteAllAsync(dependants, cancellationToken);
            return true;
        }, cancellationToken);
        return true;
    }, cancellationToken);

    private Task<IReadOnlyList<(string Name, string Create)>> DependantsAsync(ModelRelation target, CancellationToken cancellationToken) =>
        QualifiedAsync(() => PostgresRelations.DependentViewsAsync(connection, target, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> with an empty search_path, so <c>pg_get_viewdef</c> qualifies every name it writes
    /// and a re-created view reads exactly what it read before; then puts the search_path back.
    /// </summary>
    private async Task<T> QualifiedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        string saved;
        await using (var read = new NpgsqlCommand("SELECT current_setting('search_path'), set_config('search_path', '', true)", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            saved = reader.GetString(0);
        }

        var result = await work();
        await using var restore = new NpgsqlCommand("SELECT set_config('search_path', $1, true)", connection);
        restore.Parameters.Add(new NpgsqlParameter<string> { TypedValue = saved });
        await restore.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    /// <summary>Statements Greenhouse wrote, in order, in one round trip.</summary>
    private async Task ExecuteAllAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task LockSwapsAsync(CancellationToken cancellationToken) =>
        PostgresRunLock.HoldForTransactionAsync(connection, swapLockKey, cancellationToken);

    /// <summary>A model's SQL in one statement: a batch of one command, which PostgreSQL refuses to split into two.</summary>
    private async Task ExecuteOne(string sql, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> Execute(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Math.Max(await command.ExecuteNonQueryAsync(cancellationToken), 0);
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await operation();
        }
        catch (PostgresException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The build was cancelled.", ex, cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new WarehouseException($"Statement failed: {ex.SqlState}: {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException || ex is SocketException or IOException)
        {
            throw PostgresErrors.Translate(ex, settings);
        }
    }
}
