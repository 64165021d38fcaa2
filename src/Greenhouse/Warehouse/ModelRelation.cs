using System.Security.Cryptography;
using System.Text;

namespace Greenhouse.Warehouse;

/// <summary>
/// A relation a model or seed writes, checked once by <see cref="IModelStore.ModelRelation"/>: plain names, outside
/// the raw schema, not a <c>_gh_</c> table. <see cref="Sql"/> is how SQL (and a model's <c>ref()</c>) names it.
/// </summary>
public sealed class ModelRelation
{
    /// <summary>What a build's temporary table adds to the alias. A build runs in one transaction, so the table only
    /// outlives it if something else created it; a build drops it before creating it again.</summary>
    internal const string StagingSuffix = "__gh_tmp";

    private ModelRelation(string schema, string name, string tableName, string sql, ModelRelation? staging)
    {
        Schema = schema;
        Name = name;
        TableName = tableName;
        Sql = sql;
        Staging = staging ?? this;
    }

    /// <summary>The schema as the model configures it (SQLite: the table-name prefix).</summary>
    public string Schema { get; }

    /// <summary>The relation's name within its schema as the model configures it (its alias).</summary>
    public string Name { get; }

    /// <summary>The name the database keeps (PostgreSQL: <see cref="Name"/>; SQLite: <c>{schema}_{name}</c>).</summary>
    public string TableName { get; }

    /// <summary>Qualified and quoted for SQL: <c>"analytics"."fct_mrr"</c> or <c>"analytics_fct_mrr"</c>.</summary>
    public string Sql { get; }

    /// <summary>The temporary table a rebuild of this relation is built under before it is swapped in.</summary>
    internal ModelRelation Staging { get; }

    public override string ToString() => Sql;

    internal static ModelRelation Create(WarehouseDialect dialect, string rawSchema, string schema, string alias)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(alias);
        if (!SqlIdentifier.IsPlain(schema) || !SqlIdentifier.IsPlain(alias))
        {
            throw new WarehouseException(
                $"'{schema}.{alias}' is not a relation a model can write: schema and name must be plain identifiers (letters, digits and _, not starting with a digit, at most 63 characters).");
        }

        var tableName = dialect.TableName(schema, alias);
        if (dialect.InRawNamespace(rawSchema, schema, alias))
        {
            throw new WarehouseException(
                $"'{schema}.{alias}' ({dialect.Relation(schema, alias)}) is in the raw schema '{rawSchema}', where the landed stream tables live; a model never writes raw data. Give the model another schema.");
        }

        if (alias.StartsWith("_gh_", StringComparison.OrdinalIgnoreCase) || tableName.StartsWith("_gh_", StringComparison.OrdinalIgnoreCase)
            || alias.EndsWith(StagingSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new WarehouseException(
                $"'{schema}.{alias}' is a name Greenhouse keeps for itself (a _gh_ table, or the {StagingSuffix} suffix it builds under); rename the model.");
        }

        var stagingAlias = StagingAlias(dialect, schema, alias);
        var staging = new ModelRelation(schema, stagingAlias, dialect.TableName(schema, stagingAlias), dialect.Relation(schema, stagingAlias), null);
        return new ModelRelation(schema, alias, tableName, dialect.Relation(schema, alias), staging);
    }

    /// <summary><c>{alias}__gh_tmp</c>; when that is longer than the dialect keeps whole, the alias is cut and a hash of it keeps the name unique.</summary>
    private static string StagingAlias(WarehouseDialect dialect, string schema, string alias)
    {
        var name = alias + StagingSuffix;
        if (dialect.MaxIdentifierLength is not { } max || Encoding.UTF8.GetByteCount(dialect.TableName(schema, name)) <= max)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alias)))[..8];
        var room = max - dialect.TableName(schema, "").Length - StagingSuffix.Length - hash.Length - 1;
        return $"{alias[..room]}_{hash}{StagingSuffix}";
    }
}
