namespace Greenhouse.Warehouse;

/// <summary>
/// A warehouse whose database has logins (PostgreSQL): creates a login that can only read, for <c>greenhouse query</c>'s
/// reader connection, Metabase, psql, a BI tool or an LLM's own connection, and reports what a login can do.
/// </summary>
public interface IReaderGrants
{
    /// <summary>
    /// Creates <paramref name="role"/> (or updates it: password, attributes, grants) as a login that can read the raw
    /// schema and any modelled schema (<c>analytics</c>, <c>analytics_*</c>), tables created later included, and can
    /// neither write, create, nor make temp tables. Returns the schemas it can now read.
    /// </summary>
    /// <param name="modelsOnly">Only the modelled schemas: the raw schema (stream tables and Greenhouse's own) is revoked, for the warehouse's <c>model_reader:</c>.</param>
    Task<IReadOnlyList<string>> GrantReaderAsync(string role, string password, bool modelsOnly = false, CancellationToken cancellationToken = default);

    /// <summary>What <paramref name="role"/> can and cannot do in this database.</summary>
    Task<ReaderCheck> CheckReaderAsync(string role, CancellationToken cancellationToken = default);
}
