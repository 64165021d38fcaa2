namespace Greenhouse.Warehouse.Postgres;

/// <summary>PostgreSQL's SQL: schemas, 63-byte names, transactional DDL, <c>jsonb</c> paths with <c>#&gt;&gt;</c>.</summary>
internal sealed class PostgresDialect : WarehouseDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Kind => "postgresql";

    public override int? MaxIdentifierLength => 63;

    public override bool TransactionalDdl => true;

    public override string TableName(string schema, string table) => table;

    public override string Relation(string schema, string table) => $"{Quote(schema)}.{Quote(table)}";

    public override string JsonText(string column, params IReadOnlyList<string> path) =>
        $"({Quote(column)} #>> ARRAY[{string.Join(", ", CheckPath(path).Select(key => $"'{key}'"))}])";
}
