using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// A relation's build in one write transaction on the warehouse's writer, which it holds until disposed. Statements
/// are interrupted (<c>sqlite3_interrupt</c>) when the token is cancelled. A swap runs with <c>legacy_alter_table</c>
/// on: since 3.26 a rename otherwise checks and rewrites every view, and refuses while a view names the dropped table.
/// </summary>
internal sealed class SqliteRelationBuild : IRelationBuild
{
    private const int Interrupted = 9;
    private const int Read = 20;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly string _path;
    private readonly string _insertModelRun;
    private Action? _release;

    public SqliteRelationBuild(SqliteConnection connection, SqliteTransaction transaction, string path, string insertModelRun, Action release)
    {
        _connection = connection;
        _transaction = transaction;
        _path = path;
        _insertModelRun = insertModelRun;
        _release = release;
    }

    public Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        Run(() => Changes(sql), cancellationToken);

    public Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default) => RunAsync(async () =>
    {
        using var command = SqliteWarehouse.Command(_connection, _transaction, sql);
        using var reader = command.ExecuteReader();
        return await QueryReader.ReadAsync(reader, null, CancellationToken.None);
    }, cancellationToken);

    public Task<long> CreateTableAsAsync(ModelRelation table, string select, CancellationToken cancellationToken = default) => Run(() =>
    {
        RequireOneStatement(select);
        return CreateTableAs(table, select);
    }, cancellationToken);

    public Task<long> ReplaceWithTableAsync(ModelRelation target, string select, CancellationToken cancellationToken = default) => Run(() =>
    {
        var reads = RequireOneStatement(select);
        SqliteWarehouse.Execute(_connection, _transaction, WarehouseDialect.DropTableIfExists(target.Staging.Sql));
        if (reads.Contains(target.TableName))
        {
            var staged = CreateTableAs(target.Staging, select);
            Swap(target, target.Staging);
            return staged;
        }

        // No rename: the old relation goes and the new table is made under its name, in the transaction that readers
        // see all of or nothing of. Views that read it name it, and SQLite resolves a view's names when it is read.
        if (SqliteRelations.Describe(_connection, _transaction, target.TableName) is { } existing)
        {
            SqliteWarehouse.Execute(_connection, _transaction, Drop(existing.Kind, target));
        }

        return CreateTableAs(target, select);
    }, cancellationToken);

    public Task RecordModelRunAsync(ModelRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Run(() =>
        {
            SqliteWarehouse.InsertModelRun(_connection, _transaction, _insertModelRun, run);
            return true;
        }, cancellationToken);
    }

    public Task<long> LoadTableAsync(
        ModelRelation table, IReadOnlyList<RelationColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            SqliteWarehouse.Execute(_connection, _transaction, SqliteDialect.Instance.CreateTable(table.Sql, columns));
            // The column's affinity turns '42' into 42 and '1.5' into 1.5; only booleans need saying, as 1 and 0.
            var boolean = columns.Select(c => c.Type.Contains("BOOL", StringComparison.OrdinalIgnoreCase)).ToArray();
            using var insert = SqliteWarehouse.Command(_connection, _transaction,
                $"INSERT INTO {table.Sql} VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})");
            var parameters = columns.Select((_, i) => insert.Parameters.Add("$" + (i + 1), SqliteType.Text)).ToArray();
            insert.Prepare();
            long loaded = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = row[i] switch
                    {
                        null => DBNull.Value,
                        var text when boolean[i] && bool.TryParse(text, out var value) => value ? 1 : 0,
                        var text => text,
                    };
                }

                loaded += insert.ExecuteNonQuery();
            }

            return loaded;
        }, cancellationToken);

    public Task<RelationInfo?> DescribeAsync(ModelRelation relation, CancellationToken cancellationToken = default) =>
        Run(() => SqliteRelations.Describe(_connection, _transaction, relation.TableName), cancellationToken);

    public Task SwapInTableAsync(ModelRelation target, ModelRelation staging, CancellationToken cancellationToken = default) => Run(() =>
    {
        Swap(target, staging);
        return true;
    }, cancellationToken);

    private void Swap(ModelRelation target, ModelRelation staging)
    {
        var existing = SqliteRelations.Describe(_connection, _transaction, target.TableName);
        SqliteWarehouse.Execute(_connection, _transaction, "PRAGMA legacy_alter_table = ON");
        try
        {
            if (existing is not null)
            {
                SqliteWarehouse.Execute(_connection, _transaction, Drop(existing.Kind, target));
            }

            SqliteWarehouse.Execute(_connection, _transaction, $"ALTER TABLE {staging.Sql} RENAME TO {SqliteDialect.Instance.Quote(target.TableName)}");
        }
        finally
        {
            SqliteWarehouse.Execute(_connection, _transaction, "PRAGMA legacy_alter_table = OFF");
        }
    }

    private long CreateTableAs(ModelRelation table, string select)
    {
        SqliteWarehouse.Execute(_connection, _transaction, SqliteDialect.Instance.CreateTableAs(table.Sql, select));
        // CREATE TABLE … AS counts no changes; a count of a fresh table reads only its b-tree's pages.
        using var count = SqliteWarehouse.Command(_connection, _transaction, $"SELECT count(*) FROM {table.Sql}");
        return (long)count.ExecuteScalar()!;
    }

    public Task ReplaceWithViewAsync(ModelRelation target, string select, CancellationToken cancellationToken = default) => Run(() =>
    {
        RequireOneStatement(select);
        if (SqliteRelations.Describe(_connection, _transaction, target.TableName) is { } existing)
        {
            SqliteWarehouse.Execute(_connection, _transaction, Drop(existing.Kind, target));
        }

        SqliteWarehouse.Execute(_connection, _transaction, WarehouseDialect.CreateView(target.Sql, select));
        // SQLite resolves a view's names only when it is read: reading its columns now fails here, not in a reader.
        return SqliteRelations.Describe(_connection, _transaction, target.TableName);
    }, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _transaction.Commit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        var release = Interlocked.Exchange(ref _release, null);
        if (release is not null)
        {
            _transaction.Dispose(); // rolls back unless committed
            release();
        }

        return ValueTask.CompletedTask;
    }

    private static string Drop(RelationKind kind, ModelRelation relation) =>
        kind == RelationKind.View ? $"DROP VIEW {relation.Sql}" : $"DROP TABLE {relation.Sql}";

    private long Changes(string sql)
    {
        // Counted from the connection's total: a DDL statement would add the previous statement's count again.
        var before = raw.sqlite3_total_changes(_connection.Handle);
        SqliteWarehouse.Execute(_connection, _transaction, sql);
        return raw.sqlite3_total_changes(_connection.Handle) - before;
    }

    /// <summary>
    /// Refuses SQL that holds more than one statement (Microsoft.Data.Sqlite would run them all, so a model's
    /// <c>SELECT …; DELETE FROM raw_…</c> would write raw data). PostgreSQL refuses a second statement by itself.
    /// Returns the tables and views the SQL reads, through views too, as the authorizer sees them while it is prepared.
    /// </summary>
    private HashSet<string> RequireOneStatement(string select)
    {
        var reads = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        raw.sqlite3_set_authorizer(_connection.Handle, (_, action, table, _, _, view) =>
        {
            if (action == Read)
            {
                reads.Add(table ?? "");
                reads.Add(view ?? "");
            }

            return raw.SQLITE_OK;
        }, null);
        try
        {
            var rest = select;
            var statements = 0;
            while (rest.Length > 0)
            {
                if (raw.sqlite3_prepare_v2(_connection.Handle, rest, out var statement, out var tail) != raw.SQLITE_OK)
                {
                    statement.Dispose();
                    return reads; // not valid SQL: running it reports the error
                }

                using (statement)
                {
                    if (!statement.IsInvalid && ++statements > 1)
                    {
                        throw new WarehouseException("A model's SQL must be one SELECT statement; this one holds more (is there a ';' in the middle?).");
                    }
                }

                rest = tail ?? "";
            }

            return reads;
        }
        finally
        {
            raw.sqlite3_set_authorizer(_connection.Handle, (strdelegate_authorizer?)null, null);
        }
    }

    private Task<T> Run<T>(Func<T> operation, CancellationToken cancellationToken) =>
        RunAsync(() => Task.FromResult(operation()), cancellationToken);

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_release is null, this);
        cancellationToken.ThrowIfCancellationRequested();
        using var stop = SqliteInterrupt.On(_connection, null, cancellationToken);
        try
        {
            return await operation();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == Interrupted && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The build was cancelled.", ex, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 1 or 19 or 20)
        {
            throw new WarehouseException($"Statement failed: {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, _path);
        }
    }
}
