using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// dbt's <c>Relation</c> as templates see it (<c>this</c>, what <c>ref()</c>, <c>source()</c> and
/// <c>adapter.get_relation()</c> return): <c>schema</c>, <c>identifier</c> (also <c>name</c> and <c>table</c>),
/// <c>database</c> (always none: a warehouse is one database), <c>type</c>, <c>is_table</c>, <c>is_view</c>,
/// <c>render()</c>, and <c>quote(...)</c>, <c>include(...)</c>, <c>incorporate(...)</c> and <c>replace_path(...)</c>
/// returning a changed copy. <c>{{ relation }}</c> renders the SQL name as the warehouse spells it
/// (<see cref="WarehouseDialect.Relation"/>): <c>"analytics"."fct_mrr"</c>, or on SQLite, where the schema is a
/// table-name prefix, <c>"analytics_fct_mrr"</c>. On SQLite <c>include(schema=false)</c> still renders the whole
/// table name, since the prefix is part of it.
/// </summary>
public sealed class TemplateRelation : ITemplateObject
{
    private readonly WarehouseDialect _dialect;
    private readonly bool _quoteSchema;
    private readonly bool _quoteIdentifier;
    private readonly bool _includeSchema;
    private readonly bool _includeIdentifier;

    /// <summary>The relation <paramref name="identifier"/> of <paramref name="schema"/>; <paramref name="kind"/> null when not known.</summary>
    public TemplateRelation(WarehouseDialect dialect, string schema, string identifier, RelationKind? kind = null)
        : this(dialect, schema, identifier, kind, true, true, true, true)
    {
    }

    private TemplateRelation(
        WarehouseDialect dialect, string schema, string identifier, RelationKind? kind,
        bool quoteSchema, bool quoteIdentifier, bool includeSchema, bool includeIdentifier)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(identifier);
        _dialect = dialect;
        Schema = schema;
        Identifier = identifier;
        Kind = kind;
        _quoteSchema = quoteSchema;
        _quoteIdentifier = quoteIdentifier;
        _includeSchema = includeSchema;
        _includeIdentifier = includeIdentifier;
    }

    /// <summary>The schema (SQLite: the table-name prefix).</summary>
    public string Schema { get; }

    /// <summary>The relation's name within its schema.</summary>
    public string Identifier { get; }

    /// <summary>Table or view; null when not known (a relation named but not looked up).</summary>
    public RelationKind? Kind { get; }

    /// <summary>The SQL name (<c>render()</c>): quoted and qualified as configured.</summary>
    public string Render()
    {
        if (_quoteSchema && _quoteIdentifier && _includeSchema && _includeIdentifier)
        {
            return _dialect.Relation(Schema, Identifier);
        }

        var table = _dialect.TableName(Schema, Identifier);
        if (!string.Equals(table, Identifier, StringComparison.Ordinal))
        {
            // The schema is part of the table's name (SQLite): one name, quoted as the identifier is.
            return _includeIdentifier ? Part(table, _quoteIdentifier) : "";
        }

        var parts = new List<string>(2);
        if (_includeSchema)
        {
            parts.Add(Part(Schema, _quoteSchema));
        }

        if (_includeIdentifier)
        {
            parts.Add(Part(Identifier, _quoteIdentifier));
        }

        return string.Join(".", parts);
    }

    public override string ToString() => Render();

    public override bool Equals(object? obj) =>
        obj is TemplateRelation other && string.Equals(Render(), other.Render(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Render());

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "database" => null,
            "schema" => Schema,
            "identifier" or "name" or "table" => Identifier,
            "type" => TypeName,
            "is_table" => Kind == RelationKind.Table,
            "is_view" => Kind == RelationKind.View,
            "is_cte" or "is_materialized_view" => false,
            "render" => new TemplateFunction(_ => Render()),
            "quote" => new TemplateFunction(a => With(
                quoteSchema: Flag(a, 1, "schema", _quoteSchema), quoteIdentifier: Flag(a, 2, "identifier", _quoteIdentifier))),
            "include" => new TemplateFunction(a => With(
                includeSchema: Flag(a, 1, "schema", _includeSchema), includeIdentifier: Flag(a, 2, "identifier", _includeIdentifier))),
            "replace_path" => new TemplateFunction(a => With(
                schema: Text(a, 1, "schema") ?? Schema, identifier: Text(a, 2, "identifier") ?? Identifier)),
            "incorporate" => new TemplateFunction(a => Incorporate(a)),
            _ => Missing,
        };
        return !ReferenceEquals(value, Missing);
    }

    private static readonly object Missing = new();

    private string? TypeName => Kind switch
    {
        RelationKind.Table => "table",
        RelationKind.View => "view",
        _ => null,
    };

    /// <summary>dbt's <c>incorporate(path={'schema': .., 'identifier': ..}, type='table')</c>.</summary>
    private TemplateRelation Incorporate(TemplateArguments arguments)
    {
        var schema = Schema;
        var identifier = Identifier;
        if (arguments.Get(0, "path") is { } path)
        {
            schema = Lookup(path, "schema") ?? schema;
            identifier = Lookup(path, "identifier") ?? identifier;
        }

        var kind = Kind;
        if (arguments.Has(1, "type"))
        {
            kind = arguments.Get(1, "type") switch
            {
                null => null,
                "table" => RelationKind.Table,
                "view" => RelationKind.View,
                var other => throw new TemplateException(
                    $"incorporate(type={TemplateValues.ToRepr(other)}): Greenhouse's relations are 'table' or 'view'"),
            };
        }

        return With(schema: schema, identifier: identifier, kind: kind, setKind: true);
    }

    private static string? Lookup(object path, string key) => path switch
    {
        TemplateDictionary d => d.TryGetValue(key, out var v) && v is not null ? TemplateValues.ToText(v) : null,
        IReadOnlyDictionary<string, object?> d => d.TryGetValue(key, out var v) && v is not null ? TemplateValues.ToText(v) : null,
        _ => null,
    };

    private TemplateRelation With(
        string? schema = null, string? identifier = null, RelationKind? kind = null, bool setKind = false,
        bool? quoteSchema = null, bool? quoteIdentifier = null, bool? includeSchema = null, bool? includeIdentifier = null) =>
        new(_dialect, schema ?? Schema, identifier ?? Identifier, setKind ? kind : Kind,
            quoteSchema ?? _quoteSchema, quoteIdentifier ?? _quoteIdentifier,
            includeSchema ?? _includeSchema, includeIdentifier ?? _includeIdentifier);

    /// <summary>A <c>quote</c>/<c>include</c> flag: positions are (database, schema, identifier); database is ignored.</summary>
    private static bool Flag(TemplateArguments arguments, int position, string name, bool current) =>
        arguments.Has(position, name) ? TemplateValues.IsTrue(arguments.Get(position, name)) : current;

    private static string? Text(TemplateArguments arguments, int position, string name) =>
        arguments.Get(position, name) is { } value ? TemplateValues.ToText(value) : null;

    private string Part(string name, bool quoted) => quoted ? _dialect.Quote(name) : name;
}
