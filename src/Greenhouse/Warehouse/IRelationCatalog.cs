namespace Greenhouse.Warehouse;

/// <summary>What relations the warehouse holds beyond the landed stream tables: for the tools that describe it to people and LLMs.</summary>
public interface IRelationCatalog
{
    /// <summary>
    /// The tables and views in the modelled schema <paramref name="schema"/> (PostgreSQL: that schema and its
    /// <c>{schema}_*</c> custom schemas; SQLite: the tables named <c>{schema}_*</c>), by name, leaving out the
    /// temporary tables a build leaves behind. Empty when there are none.
    /// </summary>
    Task<IReadOnlyList<ModelRelation>> ListModelRelationsAsync(string schema, CancellationToken cancellationToken = default);
}
