namespace Greenhouse.Warehouse.Sqlite;

/// <summary>The relation catalog: the modelled relations the tools list beside the stream tables.</summary>
internal sealed partial class SqliteWarehouse
{
    public Task<IReadOnlyList<ModelRelation>> ListModelRelationsAsync(string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var prefix = schema + "_";
        return UseAsync(connection =>
        {
            using var command = Command(connection, null, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND substr(name, 1, length($1)) = $1 ORDER BY name", prefix);
            using var reader = command.ExecuteReader();
            var relations = new List<ModelRelation>();
            while (reader.Read())
            {
                if (ModelRelationCatalog.TryCreate(this, schema, reader.GetString(0)[prefix.Length..]) is { } relation)
                {
                    relations.Add(relation);
                }
            }

            return (IReadOnlyList<ModelRelation>)relations;
        }, cancellationToken);
    }
}
