using Greenhouse.Config;
using Greenhouse.Warehouse.Postgres;
using Greenhouse.Warehouse.Sqlite;

namespace Greenhouse.Warehouse;

/// <summary>Turns the config's <c>warehouse:</c> value into a warehouse. Opening does not connect yet.</summary>
public static class WarehouseFactory
{
    public const string AcceptedForms =
        "sqlite:<path>, postgresql://user:password@host:5432/database (or postgres://...), "
        + "or an Npgsql connection string (Host=...;Username=...;Password=...;Database=...)";

    /// <summary>The config's warehouse: what a process opens once and hands to its services.</summary>
    public static IWarehouse Open(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Open(config.Warehouse, config.Schema);
    }

    /// <param name="spec"><c>sqlite:&lt;path&gt;</c> (the caller resolves relative paths), a PostgreSQL URL, or an Npgsql connection string.</param>
    /// <param name="rawSchema">Where landed tables go: a PostgreSQL schema, or the table-name prefix in SQLite.</param>
    public static IWarehouse Open(string spec, string rawSchema = "raw")
    {
        ArgumentNullException.ThrowIfNull(spec);
        SqlIdentifier.RequirePlainSchema(rawSchema);
        var trimmed = spec.Trim();

        if (trimmed.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed["sqlite:".Length..];
            return path.Length == 0
                ? throw new WarehouseException("The warehouse setting 'sqlite:' needs a file path, e.g. sqlite:./greenhouse.db.")
                : new SqliteWarehouse(path, rawSchema);
        }

        if (PostgresConnectionSpec.TryParse(trimmed, out var connectionString))
        {
            return new PostgresWarehouse(connectionString, rawSchema);
        }

        // Never echo the setting: it may hold a password.
        throw new WarehouseException($"Unsupported warehouse setting. Use {AcceptedForms}.");
    }
}
