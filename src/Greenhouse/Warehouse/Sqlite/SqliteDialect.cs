namespace Greenhouse.Warehouse.Sqlite;

/// <summary>SQLite's SQL: no schemas (a table-name prefix instead), names of any length, transactional DDL, JSON functions.</summary>
internal sealed class SqliteDialect : WarehouseDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string Kind => "sqlite";

    public override int? MaxIdentifierLength => null;

    public override bool TransactionalDdl => true;

    public override bool ParallelWrites => false;

    public override string TableName(string schema, string table) => $"{schema}_{table}";

    public override string Relation(string schema, string table) => Quote(TableName(schema, table));

    public override string JsonText(string column, params IReadOnlyList<string> path)
    {
        var jsonPath = "'$" + string.Concat(CheckPath(path).Select(key => key.All(char.IsAsciiDigit) ? $"[{key}]" : $".\"{key}\"")) + "'";
        var value = Quote(column);
        // json_extract gives a string without quotes, an object or array as JSON text, but true and false as 1 and 0.
        return $"(CASE json_type({value}, {jsonPath}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' "
            + $"ELSE CAST(json_extract({value}, {jsonPath}) AS TEXT) END)";
    }

    /// <summary>Every name is one table name here, so any name that starts with the raw prefix is raw.</summary>
    internal override bool InRawNamespace(string rawSchema, string schema, string name) =>
        base.InRawNamespace(rawSchema, schema, name) || TableName(schema, name).StartsWith(rawSchema + "_", StringComparison.OrdinalIgnoreCase);

    /// <summary>Type names whose affinity stores the values as SQLite would (and that Metabase reads as dates and booleans).</summary>
    internal override string SeedType(SeedColumnType type) => type switch
    {
        SeedColumnType.Integer or SeedColumnType.BigInteger => "INTEGER",
        SeedColumnType.Numeric => "NUMERIC",
        SeedColumnType.Boolean => "BOOLEAN",
        SeedColumnType.Date => "DATE",
        SeedColumnType.Timestamp => "TIMESTAMP",
        SeedColumnType.Text => "TEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public override string ColumnType(Sources.ColumnType type) => type switch
    {
        Sources.ColumnType.Text => "TEXT",
        Sources.ColumnType.Integer => "INTEGER",
        Sources.ColumnType.Decimal => "TEXT", // kept exact, as invariant text
        Sources.ColumnType.Boolean => "INTEGER",
        Sources.ColumnType.Timestamp => "TEXT", // ISO 8601 UTC
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
