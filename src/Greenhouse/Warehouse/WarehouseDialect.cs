namespace Greenhouse.Warehouse;

/// <summary>
/// What a warehouse's SQL can do and how it is spelled, the way dlt's destination capabilities and dbt's adapters
/// describe a database: code that writes SQL (a transform layer, checks) asks this instead of branching on the kind.
/// A schema is a PostgreSQL schema; SQLite has none, so its tables carry the schema as a prefix (<c>raw_stripe_customers</c>).
/// </summary>
public abstract class WarehouseDialect
{
    /// <summary>"sqlite" or "postgresql".</summary>
    public abstract string Kind { get; }

    /// <summary>The longest table or column name the database keeps whole, in bytes; null: no limit.</summary>
    public abstract int? MaxIdentifierLength { get; }

    /// <summary>DDL (CREATE, ALTER, DROP) commits and rolls back with the transaction it runs in.</summary>
    public abstract bool TransactionalDdl { get; }

    /// <summary>Double-quotes a name (both dialects accept it), doubling any embedded quote.</summary>
    public virtual string Quote(string name) => SqlIdentifier.Quote(name);

    /// <summary>The table's name within its schema: what <c>ALTER TABLE … RENAME TO</c> takes.</summary>
    public abstract string TableName(string schema, string table);

    /// <summary>The table <paramref name="table"/> of <paramref name="schema"/>, qualified and quoted for SQL.</summary>
    public abstract string Relation(string schema, string table);

    /// <summary>
    /// An expression for the JSON value at <paramref name="path"/> (object keys, or digits for an array index) in
    /// <paramref name="column"/> (e.g. <c>_gh_raw</c>) as text: a string without its quotes, other values as JSON
    /// text, null when the path is missing or holds null.
    /// </summary>
    public abstract string JsonText(string column, params IReadOnlyList<string> path);

    /// <summary>A statement that creates <paramref name="relation"/> from the rows of <paramref name="select"/>.</summary>
    public virtual string CreateTableAs(string relation, string select) => $"CREATE TABLE {relation} AS {select}";

    /// <summary>
    /// Statements that replace <paramref name="target"/> with <paramref name="staging"/> (which takes its name); run them
    /// through <see cref="ISqlClient.ExecuteAsync"/>, one transaction, so readers see the old table or the new one, never neither.
    /// </summary>
    public virtual string SwapTable(string schema, string staging, string target) =>
        $"DROP TABLE IF EXISTS {Relation(schema, target)}; ALTER TABLE {Relation(schema, staging)} RENAME TO {Quote(TableName(schema, target))}";

    /// <summary>Checks a JSON path's keys: none may be empty or hold a quote.</summary>
    protected static IReadOnlyList<string> CheckPath(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0 || path.Any(key => key.Length == 0 || key.Contains('"', StringComparison.Ordinal) || key.Contains('\'', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A JSON path needs one or more keys, none empty or holding a quote.", nameof(path));
        }

        return path;
    }
}
