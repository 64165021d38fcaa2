using Greenhouse.Config;
using Greenhouse.Warehouse.Postgres;
using Greenhouse.Warehouse.Sqlite;
using Npgsql;

namespace Greenhouse.Warehouse;

/// <summary>Opens the warehouse a <see cref="WarehouseSetting"/> names. Opening does not connect yet.</summary>
public static class WarehouseFactory
{
    /// <summary>The config's warehouse: what a process opens once and hands to its services.</summary>
    public static IWarehouse Open(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Open(config.Warehouse, config.Schema);
    }

    /// <param name="spec"><c>sqlite:&lt;path&gt;</c> (relative to the current folder), a PostgreSQL URL, or an Npgsql connection string.</param>
    /// <param name="rawSchema">Where landed tables go: a PostgreSQL schema, or the table-name prefix in SQLite.</param>
    public static IWarehouse Open(string spec, string rawSchema = "raw") => Open(WarehouseSetting.Parse(spec), rawSchema);

    /// <param name="rawSchema">Where landed tables go: a PostgreSQL schema, or the table-name prefix in SQLite.</param>
    public static IWarehouse Open(WarehouseSetting setting, string rawSchema = "raw")
    {
        ArgumentNullException.ThrowIfNull(setting);
        SqlIdentifier.RequirePlainSchema(rawSchema);
        return setting.SqlitePath is { } path
            ? new SqliteWarehouse(path, rawSchema)
            : new PostgresWarehouse(
                new NpgsqlConnectionStringBuilder(setting.PostgresConnectionString),
                rawSchema,
                setting.ReaderConnectionString is { } reader ? new NpgsqlConnectionStringBuilder(reader) : null,
                setting.ModelReaderConnectionString is { } modelReader ? new NpgsqlConnectionStringBuilder(modelReader) : null);
    }
}
