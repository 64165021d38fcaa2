using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>dbt's Relation as templates see it (<c>ref()</c>, <c>source()</c>, <c>this</c>): renders as the quoted SQL name.</summary>
public sealed class TemplateRelation(WarehouseDialect dialect, string schema, string identifier, RelationKind? kind) : ITemplateObject
{
    public string Schema { get; } = schema;

    public string Identifier { get; } = identifier;

    public string Sql { get; } = dialect.Relation(schema, identifier);

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "schema" => Schema,
            "identifier" or "name" or "table" => Identifier,
            "database" => null,
            "type" => kind switch { RelationKind.Table => "table", RelationKind.View => "view", _ => null },
            _ => new TemplateUndefined(name),
        };
        return value is not TemplateUndefined;
    }

    public override string ToString() => Sql;
}
