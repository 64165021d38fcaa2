using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>What a relation is (<c>pg_class</c>) and which views depend on it (<c>pg_depend</c> through their rewrite rules).</summary>
internal static class PostgresRelations
{
    /// <summary>Every view that reads the relation <c>$1</c>, directly or through other views, each after the views it reads.</summary>
    private const string DependentViews = """
        WITH RECURSIVE deps(oid, depth) AS (
            SELECT r.ev_class, 1
            FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
            WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
              AND d.refobjid = $1::regclass AND r.ev_class <> $1::regclass
            UNION
            SELECT r.ev_class, deps.depth + 1
            FROM deps
            JOIN pg_depend d ON d.refobjid = deps.oid AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
            JOIN pg_rewrite r ON r.oid = d.objid
            WHERE r.ev_class <> deps.oid)
        SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind = 'm', array_to_string(c.reloptions, ', '), pg_get_viewdef(c.oid)
        FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
        GROUP BY c.oid, n.nspname, c.relname, c.relkind, c.reloptions
        ORDER BY max(deps.depth), c.oid
        """;

    public static Task<RelationInfo?> DescribeAsync(NpgsqlConnection connection, ModelRelation relation, CancellationToken cancellationToken) =>
        DescribeAsync(connection, relation.Schema, relation.TableName, cancellationToken);

    /// <summary>The relation <paramref name="table"/> of <paramref name="schema"/> (plain names): its kind and columns, or null when it does not exist.</summary>
    public static async Task<RelationInfo?> DescribeAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        var (kind, columns) = await ReadAsync(connection, schema, table, cancellationToken);
        return kind switch
        {
            null => null,
            "r" or "p" => new RelationInfo(RelationKind.Table, columns),
            "v" => new RelationInfo(RelationKind.View, columns),
            _ => throw new WarehouseException(
                $"{schema}.{table} exists but is not a table or a view (pg_class.relkind '{kind}'), so a model cannot replace it; drop or rename it, or give the model another name."),
        };
    }

    /// <summary>The relation's <c>pg_class.relkind</c> (null when it does not exist) and its columns in order.</summary>
    public static async Task<(string? Kind, IReadOnlyList<RelationColumn> Columns)> ReadAsync(
        NpgsqlConnection connection, string schema, string tableName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relkind::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relname = $2
            ORDER BY a.attnum
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tableName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? kind = null;
        var columns = new List<RelationColumn>();
        while (await reader.ReadAsync(cancellationToken))
        {
            kind = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                columns.Add(new RelationColumn(reader.GetString(1), reader.GetString(2)));
            }
        }

        return (kind, columns);
    }

    /// <summary>
    /// The views that depend on <paramref name="relation"/>, each with the statement that creates it again, in an order
    /// they can be created in (a view after the views it reads).
    /// </summary>
    public static async Task<IReadOnlyList<(string Name, string Create)>> DependentViewsAsync(
        NpgsqlConnection connection, ModelRelation relation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DependentViews, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = relation.Sql });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var views = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var options = reader.IsDBNull(2) ? "" : $" WITH ({reader.GetString(2)})";
            views.Add((name, $"CREATE {(reader.GetBoolean(1) ? "MATERIALIZED VIEW" : "VIEW")} {name}{options} AS {reader.GetString(3)}"));
        }

        return views;
    }
}
