namespace Greenhouse.Warehouse;

/// <summary>
/// The database a business owns. The only place that knows SQL dialects. Landed tables live in the raw
/// schema (PostgreSQL: schema <c>raw</c>, table <c>stripe_customers</c>; SQLite: table <c>raw_stripe_customers</c>);
/// models and seeds in schemas of their own (<see cref="IModelStore"/>: <c>analytics.fct_mrr</c>; SQLite <c>analytics_fct_mrr</c>);
/// metadata tables and columns share the prefix <c>_gh_</c>. One instance per process: it holds the connection
/// policy (an Npgsql data source; one SQLite connection) and migrates once. Callers that need only a part take its interface.
/// </summary>
public interface IWarehouse : ISqlClient, IStreamStore, IRunStore, IStateStore, IEventStore, IAlertStore, ICheckStore, IScheduleStore, IModelStore, ITokenStore, IUserStore, IRelationCatalog, IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Kind => Dialect.Kind;

    /// <summary>Where it is, without any password: a file path or host:port/database.</summary>
    string Description { get; }

    /// <summary>Creates or migrates the metadata tables (versioned in <c>_gh_migrations</c>), once per instance; later calls return at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// What read-side commands (<c>query</c>, <c>status</c>, <c>state show</c>) call instead of <see cref="MigrateAsync"/>:
    /// checks, creating and changing nothing, that the warehouse is there (a SQLite file exists) and, with
    /// <paramref name="metadata"/>, that its metadata tables are at this Greenhouse's version; otherwise throws a
    /// <see cref="WarehouseException"/> with <see cref="WarehouseException.NotReady"/> that says what to run.
    /// </summary>
    Task CheckReadableAsync(bool metadata = true, CancellationToken cancellationToken = default);
}
