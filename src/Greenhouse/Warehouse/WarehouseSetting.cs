using Greenhouse.Warehouse.Postgres;

namespace Greenhouse.Warehouse;

/// <summary>
/// The <c>warehouse:</c> setting, parsed once: a SQLite file (<see cref="SqlitePath"/>) or a PostgreSQL connection
/// (<see cref="PostgresConnectionString"/>, with Greenhouse's timeouts). <see cref="Description"/> never holds a password.
/// </summary>
public sealed record WarehouseSetting
{
    public const string AcceptedForms =
        "sqlite:<path>, postgresql://user:password@host:5432/database (or postgres://...), "
        + "or an Npgsql connection string (Host=...;Username=...;Password=...;Database=...)";

    private const string SqlitePrefix = "sqlite:";

    private WarehouseSetting(string? sqlitePath, string? postgresConnectionString, string description)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
        Description = description;
    }

    public string? SqlitePath { get; }

    public string? PostgresConnectionString { get; }

    /// <summary>
    /// PostgreSQL: a login that can only read (<c>greenhouse grant reader</c>), which read-only queries use; null: they
    /// use the owner's connection inside <c>READ ONLY</c> with a timeout, which a superuser owner can still get around.
    /// </summary>
    public string? ReaderConnectionString { get; private init; }

    /// <summary>
    /// PostgreSQL: a login that can read only the modelled schemas (<c>greenhouse grant reader NAME --models-only</c>),
    /// which queries limited to them use (<see cref="QueryOptions.ModelSchema"/>: the web UI's viewers); null: such
    /// queries are refused, since only grants can hold them to those schemas.
    /// </summary>
    public string? ModelReaderConnectionString { get; private init; }

    /// <summary><c>sqlite:/abs/path.db</c> (a setting that opens the same file), or <c>host:port/database</c>.</summary>
    public string Description { get; }

    public static WarehouseSetting Sqlite(string path) => new(path, null, SqlitePrefix + path);

    /// <param name="spec"><c>sqlite:&lt;path&gt;</c>, a PostgreSQL URL, or an Npgsql connection string.</param>
    /// <param name="directory">The folder a relative SQLite path is read from; null leaves the path as written.</param>
    public static WarehouseSetting Parse(string spec, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trimmed = spec.Trim();
        if (trimmed.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed[SqlitePrefix.Length..];
            return path.Length == 0
                ? throw new WarehouseException("The warehouse setting 'sqlite:' needs a file path, e.g. sqlite:./greenhouse.db.")
                : Sqlite(directory is null ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, path)));
        }

        if (PostgresConnectionSpec.TryParse(trimmed, out var builder))
        {
            return new WarehouseSetting(null, builder.ConnectionString, PostgresConnectionSpec.Describe(builder));
        }

        // Never echo the setting: it may hold a password.
        throw new WarehouseException($"Unsupported warehouse setting. Use {AcceptedForms}.");
    }

    /// <summary>Whether <paramref name="spec"/> is a PostgreSQL URL or connection string that carries a password.</summary>
    public static bool HoldsPassword(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return PostgresConnectionSpec.TryParse(spec.Trim(), out var builder) && !string.IsNullOrEmpty(builder.Password);
        }
        catch (WarehouseException)
        {
            return false;
        }
    }

    /// <summary>This setting with read-only queries going through the login <paramref name="spec"/> names.</summary>
    /// <param name="spec">A PostgreSQL URL or Npgsql connection string.</param>
    public WarehouseSetting WithReader(string spec) => this with
    {
        ReaderConnectionString = Login(spec, "reader", "SQLite reads always use a read-only connection"),
    };

    /// <summary>This setting with queries limited to the modelled schemas going through the login <paramref name="spec"/> names.</summary>
    /// <param name="spec">A PostgreSQL URL or Npgsql connection string.</param>
    public WarehouseSetting WithModelReader(string spec) => this with
    {
        ModelReaderConnectionString = Login(spec, "model_reader", "on SQLite the read-only connection's authorizer limits what viewers read"),
    };

    /// <summary>A second login's connection string (<c>reader:</c>, <c>model_reader:</c>); PostgreSQL only.</summary>
    private string Login(string spec, string key, string onSqlite)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (PostgresConnectionString is null)
        {
            throw new WarehouseException($"A {key.Replace('_', ' ')} login applies to a PostgreSQL warehouse only; {onSqlite}.");
        }

        return PostgresConnectionSpec.TryParse(spec.Trim(), out var builder)
            ? builder.ConnectionString
            : throw new WarehouseException($"The {key} setting is not a PostgreSQL URL or connection string.");
    }

    public override string ToString() => Description;
}
