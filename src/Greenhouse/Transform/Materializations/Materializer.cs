using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Materializations;

/// <summary>
/// Builds one node's relation in one transaction of the warehouse (<see cref="IModelStore.BeginBuildAsync"/>), so a
/// failed or cancelled build leaves the previous relation, and no temporary one, in place. The node's record in
/// <c>_gh_model_runs</c> is written in the same transaction, so it commits with the relation. Dialect-free: the SQL
/// comes from <see cref="WarehouseDialect"/>, the swaps from <see cref="IRelationBuild"/>.
/// </summary>
internal sealed class Materializer(IModelStore store, WarehouseDialect dialect)
{
    /// <summary>
    /// Builds a model from its compiled SQL; returns the rows written (null for a view). <paramref name="record"/>, given
    /// the rows, makes the record that commits with the build (none when null).
    /// </summary>
    public async Task<long?> BuildModelAsync(
        TransformNode node, ModelRelation target, string sql, bool isIncremental, Func<long?, ModelRunRecord>? record, CancellationToken cancellationToken)
    {
        await using var build = await store.BeginBuildAsync(cancellationToken);
        long? rows = null;
        switch (node.Materialization)
        {
            case Materialization.View:
                await build.ReplaceWithViewAsync(target, sql, cancellationToken);
                break;
            case Materialization.Table:
            case Materialization.Incremental when !isIncremental:
                rows = await build.ReplaceWithTableAsync(target, sql, cancellationToken);
                if (node.Materialization == Materialization.Incremental && node.UniqueKey.Count > 0)
                {
                    // Later runs find the rows to replace by the key: an index makes that the changed rows' cost, not the table's.
                    await build.ExecuteAsync(dialect.CreateKeyIndex(target, node.UniqueKey), cancellationToken);
                }

                foreach (var index in node.Indexes)
                {
                    await build.ExecuteAsync(dialect.CreateIndex(target, index.Columns, index.Unique), cancellationToken);
                }

                break;
            case Materialization.Incremental:
                rows = await MergeAsync(build, node, target, sql, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"{node.UniqueId}: a {node.Materialization} node is not built from SQL.");
        }

        if (record is not null)
        {
            await build.RecordModelRunAsync(record(rows), cancellationToken);
        }

        await build.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Reloads a seed whole: its rows into a temporary table, swapped in. Returns the rows loaded; <paramref name="record"/> as for a model.</summary>
    public async Task<long> LoadSeedAsync(TransformNode node, ModelRelation target, SeedTable table, Func<long?, ModelRunRecord> record, CancellationToken cancellationToken)
    {
        var seed = node.Seed ?? throw new InvalidOperationException($"{node.UniqueId}: a seed needs its file.");
        var columns = table.Types(seed, dialect);
        await using var build = await store.BeginBuildAsync(cancellationToken);
        await build.ExecuteAsync(WarehouseDialect.DropTableIfExists(target.Staging.Sql), cancellationToken);
        long rows;
        try
        {
            rows = await build.LoadTableAsync(target.Staging, columns, table.Rows, cancellationToken);
        }
        catch (WarehouseException e)
        {
            throw new TransformException(
                $"{seed.Path}: the rows do not load as the columns' types ({string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"))}): {e.Message}", e);
        }

        await build.SwapInTableAsync(target, target.Staging, cancellationToken);
        await build.RecordModelRunAsync(record(rows), cancellationToken);
        await build.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// An incremental run: the model's rows into a temporary table, the schema change handled as configured, then
    /// appended, deleted and inserted, or merged on the unique key; the temporary table dropped in the same transaction.
    /// </summary>
    private async Task<long> MergeAsync(IRelationBuild build, TransformNode node, ModelRelation target, string sql, CancellationToken cancellationToken)
    {
        var staging = target.Staging;
        await build.ExecuteAsync(WarehouseDialect.DropTableIfExists(staging.Sql), cancellationToken);
        var incomingRows = await build.CreateTableAsAsync(staging, sql, cancellationToken);
        var incoming = (await build.DescribeAsync(staging, cancellationToken))!.Columns;
        var existing = (await build.DescribeAsync(target, cancellationToken)
            ?? throw new InvalidOperationException($"{target.Sql} vanished during its incremental build.")).Columns;
        var added = incoming.Where(c => !Has(existing, c.Name)).ToList();
        var missing = existing.Where(c => !Has(incoming, c.Name)).Select(c => c.Name).ToList();
        var changes = new List<string>();
        if (added.Count > 0)
        {
            changes.Add("it returns new " + Names(added.Select(c => c.Name)));
        }

        if (missing.Count > 0)
        {
            changes.Add("it no longer returns " + Names(missing));
        }

        var columns = node.OnSchemaChange switch
        {
            OnSchemaChange.Fail when changes.Count > 0 => throw new TransformException(
                $"{node.UniqueId}: on_schema_change is fail and the model's columns differ from {target.Sql}'s: {string.Join("; ", changes)}. "
                + "Rebuild it with --full-refresh, or set on_schema_change: append_new_columns."),
            OnSchemaChange.Ignore when missing.Count > 0 => throw new TransformException(
                $"{node.UniqueId}: the model no longer returns {Names(missing)} that {target.Sql} has. Rebuild it with --full-refresh, "
                + "or set on_schema_change: append_new_columns (new rows then hold NULL there)."),
            OnSchemaChange.AppendNewColumns => incoming.Select(c => c.Name).ToList(),
            _ => incoming.Where(c => Has(existing, c.Name)).Select(c => c.Name).ToList(),
        };
        if (node.OnSchemaChange == OnSchemaChange.AppendNewColumns)
        {
            foreach (var column in added)
            {
                await build.ExecuteAsync(dialect.AddColumn(target.Sql, column), cancellationToken);
            }
        }

        var keys = node.UniqueKey;
        if (keys.FirstOrDefault(k => !columns.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } absent)
        {
            throw new TransformException($"{node.UniqueId}: unique_key '{absent}' is not a column the model returns (it returns {string.Join(", ", incoming.Select(c => c.Name))}).");
        }

        var strategy = node.IncrementalStrategy ?? (keys.Count > 0 ? IncrementalStrategy.DeleteInsert : IncrementalStrategy.Append);
        // Whether the rows to replace can be looked up by an index on the key (PostgreSQL asks; see its dialect): the new
        // rows' first key of the table's type (another would be cast on the table's side, where no index serves it).
        var byKeyIndex = strategy != IncrementalStrategy.Append && keys.Count > 0
            && Type(incoming, keys[0]) is { } incomingType && string.Equals(incomingType, Type(existing, keys[0]), StringComparison.OrdinalIgnoreCase)
            && dialect.KeyIndexQuery(target, keys[0], incomingRows) is { } indexQuery
            && (await build.QueryAsync(indexQuery, cancellationToken)).Rows.Count > 0;
        long rows;
        switch (strategy)
        {
            case IncrementalStrategy.Append:
                rows = await build.ExecuteAsync(dialect.InsertFrom(target.Sql, staging.Sql, columns), cancellationToken);
                break;
            case IncrementalStrategy.DeleteInsert:
                await build.ExecuteAsync(dialect.DeleteMatching(target.Sql, staging.Sql, keys, byKeyIndex), cancellationToken);
                rows = await build.ExecuteAsync(dialect.InsertFrom(target.Sql, staging.Sql, columns), cancellationToken);
                break;
            default:
                var twice = await build.QueryAsync(dialect.DuplicateKey(staging.Sql, keys), cancellationToken);
                if (twice.Rows.Count > 0)
                {
                    throw new TransformException(
                        $"{node.UniqueId}: the model returns the unique_key ({string.Join(", ", keys.Select((k, i) => $"{k} = {twice.Rows[0][i] ?? "NULL"}"))}) "
                        + "in more than one row; a merge needs one row per key.");
                }

                rows = await build.ExecuteAsync(dialect.Merge(target.Sql, staging.Sql, keys, columns, byKeyIndex), cancellationToken);
                break;
        }

        await build.ExecuteAsync(WarehouseDialect.DropTableIfExists(staging.Sql), cancellationToken);
        return rows;
    }

    private static string? Type(IReadOnlyList<RelationColumn> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Type;

    private static bool Has(IReadOnlyList<RelationColumn> columns, string name) =>
        columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"column a" or "columns a, b".</summary>
    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return (list.Count == 1 ? "column " : "columns ") + string.Join(", ", list);
    }
}
