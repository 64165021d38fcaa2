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

    /// <summary>Several connections can write at once (PostgreSQL), so independent models can build in parallel; SQLite has one writer.</summary>
    public abstract bool ParallelWrites { get; }

    /// <summary>Double-quotes a name (both dialects accept it), doubling any embedded quote.</summary>
    public virtual string Quote(string name) => SqlIdentifier.Quote(name);

    /// <summary>
    /// <paramref name="text"/> as a SQL string literal, for a value that cannot travel as a parameter (the read-only
    /// path takes SQL text only): single quotes doubled (PostgreSQL: an <c>E''</c> literal with backslashes doubled too,
    /// whatever <c>standard_conforming_strings</c> says). A NUL character is refused: neither database keeps it in text.
    /// </summary>
    public virtual string TextLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException("A text literal cannot hold a NUL character.", nameof(text))
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The index on <c>lower(column)</c> that <see cref="Sources.ColumnSpec.CaseInsensitive"/> asks for, as a column list.</summary>
    internal virtual string LowerIndexColumns(string column) => $"(lower({Quote(column)}))";

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

    /// <summary>Whether <paramref name="schema"/>.<paramref name="name"/> would be in the raw schema, where only landed streams live.</summary>
    internal virtual bool InRawNamespace(string rawSchema, string schema, string name) =>
        string.Equals(schema, rawSchema, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQL type a seed column of inferred <paramref name="type"/> gets.</summary>
    internal abstract string SeedType(SeedColumnType type);

    /// <summary>The SQL type a landed stream's typed column has (PostgreSQL <c>timestamptz</c>; SQLite <c>TEXT</c>, ISO 8601).</summary>
    public abstract string ColumnType(Sources.ColumnType type);

    internal string CreateTable(string relation, IReadOnlyList<RelationColumn> columns) =>
        $"CREATE TABLE {relation} ({string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {c.Type}"))})";

    internal static string CreateView(string relation, string select) => $"CREATE VIEW {relation} AS {select}";

    internal static string DropTableIfExists(string relation) => $"DROP TABLE IF EXISTS {relation}";

    internal string AddColumn(string relation, RelationColumn column) => $"ALTER TABLE {relation} ADD COLUMN {Quote(column.Name)} {column.Type}";

    /// <summary>Appends the rows of <paramref name="source"/> to <paramref name="target"/>, column by name.</summary>
    internal string InsertFrom(string target, string source, IReadOnlyList<string> columns)
    {
        var list = string.Join(", ", columns.Select(Quote));
        return $"INSERT INTO {target} ({list}) SELECT {list} FROM {source}";
    }

    /// <summary>
    /// Deletes the rows of <paramref name="target"/> whose <paramref name="keys"/> match a row of <paramref name="source"/>.
    /// Written as <c>(keys) IN (SELECT keys …)</c>, not a correlated EXISTS: both databases then read the (small) new
    /// rows once into a hash or b-tree, where SQLite would scan them again for every row of the (large) table.
    /// <paramref name="byKeyIndex"/>: <see cref="KeyIndexQuery"/> found an index that leads with the first key (the
    /// dialects that ask, PostgreSQL, then look the new rows' keys up in it instead of scanning the table).
    /// </summary>
    internal virtual string DeleteMatching(string target, string source, IReadOnlyList<string> keys, bool byKeyIndex = false) =>
        $"DELETE FROM {target} WHERE {KeyList(keys)} IN (SELECT {string.Join(", ", keys.Select(Quote))} FROM {source})";

    /// <summary>
    /// A query that returns a row when <paramref name="relation"/> has a usable index leading with <paramref name="column"/>,
    /// for a dialect whose keyed delete and merge (<see cref="DeleteMatching"/>, <see cref="Merge"/>) then take another
    /// form for <paramref name="incomingRows"/> new rows; null when it has none for that many (SQLite: its plans already
    /// probe the key index).
    /// </summary>
    internal virtual string? KeyIndexQuery(ModelRelation relation, string column, long incomingRows) => null;

    /// <summary>
    /// An index on an incremental model's unique key, named after its table (<c>{table}__gh_key</c>, cut and hashed
    /// to the dialect's identifier length). Made after the swap, when the table it replaced, and that one's index, are gone.
    /// </summary>
    internal string CreateKeyIndex(ModelRelation relation, IReadOnlyList<string> keys)
    {
        var name = relation.TableName + "__gh_key";
        if (MaxIdentifierLength is { } max && System.Text.Encoding.UTF8.GetByteCount(name) > max)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
            name = $"{relation.TableName[..(max - hash.Length - 9)]}_{hash}__gh_key";
        }

        return $"CREATE INDEX IF NOT EXISTS {Quote(name)} ON {relation.Sql} ({string.Join(", ", keys.Select(Quote))})";
    }

    /// <summary>
    /// An index a model's <c>indexes</c> config asks for, named after its table and columns (<c>{table}__gh_ix_{hash}</c>,
    /// cut to the dialect's identifier length), so a rebuild makes the same one again.
    /// </summary>
    internal string CreateIndex(ModelRelation relation, IReadOnlyList<string> columns, bool unique)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", columns) + (unique ? "\nunique" : ""))))[..8];
        var suffix = $"__gh_ix_{hash}";
        var table = relation.TableName;
        if (MaxIdentifierLength is { } max && System.Text.Encoding.UTF8.GetByteCount(table + suffix) > max)
        {
            table = table[..(max - suffix.Length)];
        }

        return $"CREATE {(unique ? "UNIQUE " : "")}INDEX IF NOT EXISTS {Quote(table + suffix)} ON {relation.Sql} ({string.Join(", ", columns.Select(Quote))})";
    }

    /// <summary><c>k</c>, or the row value <c>(k1, k2)</c>.</summary>
    private protected string KeyList(IReadOnlyList<string> keys) =>
        keys.Count == 1 ? Quote(keys[0]) : $"({string.Join(", ", keys.Select(Quote))})";

    /// <summary>A query for one key of <paramref name="relation"/> held by more than one row, or no row.</summary>
    internal string DuplicateKey(string relation, IReadOnlyList<string> keys)
    {
        var list = string.Join(", ", keys.Select(Quote));
        return $"SELECT {list} FROM {relation} GROUP BY {list} HAVING count(*) > 1 LIMIT 1";
    }

    /// <summary>
    /// Statements that update the rows of <paramref name="target"/> whose <paramref name="keys"/> match a row of
    /// <paramref name="source"/> and insert the others: an UPDATE … FROM, then an INSERT of the unmatched rows, in the
    /// build's transaction (no unique index needed). PostgreSQL says it with MERGE. <paramref name="byKeyIndex"/> as
    /// for <see cref="DeleteMatching"/>.
    /// </summary>
    internal virtual string Merge(string target, string source, IReadOnlyList<string> keys, IReadOnlyList<string> columns, bool byKeyIndex = false)
    {
        var update = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var list = string.Join(", ", columns.Select(Quote));
        // Not a correlated NOT EXISTS (SQLite would scan the table once per new row): the new rows whose key is not
        // among the table's non-null keys, or is null itself (a null key never matches, so its row is inserted).
        var notNull = string.Join(" AND ", keys.Select(k => $"{Quote(k)} IS NOT NULL"));
        var anyNull = string.Join(" OR ", keys.Select(k => $"gh_s.{Quote(k)} IS NULL"));
        var sourceKeys = keys.Count == 1 ? $"gh_s.{Quote(keys[0])}" : $"({string.Join(", ", keys.Select(k => $"gh_s.{Quote(k)}"))})";
        var insert = $"INSERT INTO {target} ({list}) SELECT {string.Join(", ", columns.Select(c => "gh_s." + Quote(c)))} FROM {source} AS gh_s "
            + $"WHERE {anyNull} OR {sourceKeys} NOT IN (SELECT {string.Join(", ", keys.Select(Quote))} FROM {target} WHERE {notNull})";
        return update.Count == 0
            ? insert
            : $"UPDATE {target} AS gh_t SET {string.Join(", ", update.Select(c => $"{Quote(c)} = gh_s.{Quote(c)}"))} FROM {source} AS gh_s WHERE {KeysMatch(keys)}; {insert}";
    }

    /// <summary><c>gh_t.k = gh_s.k AND …</c> for the target and source aliases the statements above use.</summary>
    private protected string KeysMatch(IReadOnlyList<string> keys) =>
        string.Join(" AND ", keys.Select(k => $"gh_t.{Quote(k)} = gh_s.{Quote(k)}"));

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
