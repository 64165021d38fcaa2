namespace Greenhouse.Warehouse.Sqlite;

/// <summary>SQLite's SQL: no schemas (a table-name prefix instead), names of any length, transactional DDL, JSON functions.</summary>
internal sealed class SqliteDialect : WarehouseDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string Kind => "sqlite";

    public override int? MaxIdentifierLength => null;

    public override bool TransactionalDdl => true;

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
}
