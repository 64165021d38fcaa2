namespace Greenhouse.Warehouse.Postgres;

/// <summary>PostgreSQL's SQL: schemas, 63-byte names, transactional DDL, <c>jsonb</c> paths with <c>#&gt;&gt;</c>.</summary>
internal sealed class PostgresDialect : WarehouseDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Kind => "postgresql";

    public override int? MaxIdentifierLength => 63;

    public override bool TransactionalDdl => true;

    public override bool ParallelWrites => true;

    public override string TableName(string schema, string table) => table;

    public override string Relation(string schema, string table) => $"{Quote(schema)}.{Quote(table)}";

    /// <summary>An <c>E''</c> literal: its backslashes are escapes whatever <c>standard_conforming_strings</c> says, so they are doubled with the quotes.</summary>
    public override string TextLiteral(string text) =>
        "E" + base.TextLiteral(text.Replace("\\", "\\\\", StringComparison.Ordinal));

    /// <summary><c>text_pattern_ops</c>: equality and a prefix <c>LIKE</c> both use it, whatever the database's collation.</summary>
    internal override string LowerIndexColumns(string column) => $"(lower({Quote(column)}) text_pattern_ops)";

    public override string JsonText(string column, params IReadOnlyList<string> path) =>
        $"({Quote(column)} #>> ARRAY[{string.Join(", ", CheckPath(path).Select(key => $"'{key}'"))}])";

    /// <summary>dbt-postgres's seed types, except that decimals stay exact (<c>numeric</c>, where dbt says <c>float8</c>).</summary>
    internal override string SeedType(SeedColumnType type) => type switch
    {
        SeedColumnType.Integer => "integer",
        SeedColumnType.BigInteger => "bigint",
        SeedColumnType.Numeric => "numeric",
        SeedColumnType.Boolean => "boolean",
        SeedColumnType.Date => "date",
        SeedColumnType.Timestamp => "timestamp without time zone",
        SeedColumnType.Text => "text",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// The most new rows whose keys a keyed delete or merge lists in one array (<see cref="KeyProbe"/>): the array is
    /// held in memory whole (1 GB at most), and past this many a hash join over a scan of the table costs as much
    /// (measured: 500,000 keys of a 1,000,000-row table, 1.29 s probed against 1.18 s hashed).
    /// </summary>
    internal const long KeyProbeRows = 1_000_000;

    /// <summary>A valid, whole-table (not partial) index of the relation whose first column is <paramref name="column"/>.</summary>
    internal override string? KeyIndexQuery(ModelRelation relation, string column, long incomingRows) => incomingRows > KeyProbeRows ? null : $"""
        SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = CAST({TextLiteral(relation.Sql)} AS regclass) AND a.attname = {TextLiteral(column)} AND i.indisvalid AND i.indpred IS NULL LIMIT 1
        """;

    /// <summary>
    /// By the key index, <c>k1 = ANY (ARRAY(SELECT k1 FROM new rows))</c> narrows the table to the new rows' keys (then
    /// matched on every key). Written as IN (SELECT …) or a join, PostgreSQL hashes the new rows and scans the whole
    /// table, whatever the statistics say: a freshly made staging table has none (5,550 rows and 200 keys guessed), and
    /// even analysed, 10,000 index probes cost more than a scan of 1,000,000 rows to its planner. An array parameter
    /// is guessed at 10 elements, so the index is probed, and the probes cost what the new rows cost (a bitmap scan
    /// visits the table's pages in order). Without such an index the array would be searched once per row of the table.
    /// </summary>
    private string KeyProbe(string column, string source, IReadOnlyList<string> keys) =>
        $"{column} = ANY (ARRAY(SELECT {Quote(keys[0])} FROM {source}))";

    internal override string DeleteMatching(string target, string source, IReadOnlyList<string> keys, bool byKeyIndex = false)
    {
        if (!byKeyIndex)
        {
            return base.DeleteMatching(target, source, keys, byKeyIndex);
        }

        var probe = KeyProbe(Quote(keys[0]), source, keys);
        return keys.Count == 1
            ? $"DELETE FROM {target} WHERE {probe}"
            : $"DELETE FROM {target} WHERE {probe} AND {KeyList(keys)} IN (SELECT {string.Join(", ", keys.Select(Quote))} FROM {source})";
    }

    /// <summary>
    /// PostgreSQL 15's MERGE: one statement updates the matched rows and inserts the others. By the key index, the
    /// join condition also holds <see cref="KeyProbe"/> on the table's side (true of every row that matches), which
    /// PostgreSQL applies to the table before the join: the join then reads the rows the new ones replace, not the table.
    /// </summary>
    internal override string Merge(string target, string source, IReadOnlyList<string> keys, IReadOnlyList<string> columns, bool byKeyIndex = false)
    {
        var update = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var matched = update.Count == 0 ? "" : $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", update.Select(c => $"{Quote(c)} = gh_s.{Quote(c)}"))} ";
        var on = byKeyIndex ? $"{KeysMatch(keys)} AND {KeyProbe("gh_t." + Quote(keys[0]), source, keys)}" : KeysMatch(keys);
        return $"MERGE INTO {target} AS gh_t USING {source} AS gh_s ON {on} {matched}"
            + $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select(c => "gh_s." + Quote(c)))})";
    }

    public override string ColumnType(Sources.ColumnType type) => PostgresStreamSql.SqlType(type);
}
