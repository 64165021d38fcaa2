namespace Greenhouse.Warehouse;

/// <summary>What a model's relation is in the database.</summary>
public enum RelationKind
{
    Table,
    View,
}
