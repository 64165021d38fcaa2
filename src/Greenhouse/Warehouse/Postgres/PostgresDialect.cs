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

    /// <summary>PostgreSQL 15's MERGE: one statement updates the matched rows and inserts the others.</summary>
    internal override string Merge(string target, string source, IReadOnlyList<string> keys, IReadOnlyList<string> columns)
    {
        var update = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var matched = update.Count == 0 ? "" : $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", update.Select(c => $"{Quote(c)} = gh_s.{Quote(c)}"))} ";
        return $"MERGE INTO {target} AS gh_t USING {source} AS gh_s ON {KeysMatch(keys)} {matched}"
            + $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select(c => "gh_s." + Quote(c)))})";
    }

    public override string ColumnType(Sources.ColumnType type) => PostgresStreamSql.SqlType(type);
}
