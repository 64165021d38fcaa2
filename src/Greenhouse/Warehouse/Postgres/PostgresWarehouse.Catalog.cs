using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>The relation catalog: the modelled relations the tools list beside the stream tables.</summary>
internal sealed partial class PostgresWarehouse
{
    public async Task<IReadOnlyList<ModelRelation>> ListModelRelationsAsync(string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'p') AND (n.nspname = $1 OR n.nspname LIKE replace($1, '_', '\_') || '\_%')
            ORDER BY n.nspname, c.relname
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var relations = new List<ModelRelation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (ModelRelationCatalog.TryCreate(this, reader.GetString(0), reader.GetString(1)) is { } relation)
            {
                relations.Add(relation);
            }
        }

        return relations;
    }
}
