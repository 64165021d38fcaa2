namespace Greenhouse.Warehouse;

/// <summary>Which relations found in a modelled schema the catalog lists: plain names a model could have written, no build leftovers.</summary>
internal static class ModelRelationCatalog
{
    public static ModelRelation? TryCreate(IModelStore store, string schema, string name)
    {
        if (name.EndsWith(ModelRelation.StagingSuffix, StringComparison.OrdinalIgnoreCase) || !SqlIdentifier.IsPlain(schema) || !SqlIdentifier.IsPlain(name))
        {
            return null;
        }

        try
        {
            return store.ModelRelation(schema, name);
        }
        catch (WarehouseException)
        {
            return null; // in the raw namespace or a _gh_ name: not a model's relation
        }
    }
}
