using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Greenhouse.Warehouse.Postgres;
using Npgsql;

namespace Greenhouse.Tests;

/// <summary>
/// A throwaway warehouse for one test: SQLite in a fresh temp directory, or PostgreSQL in a fresh schema of the
/// database named by GREENHOUSE_TEST_PG. Disposing closes what <see cref="Open"/> returned and removes it all.
/// </summary>
public sealed class TestWarehouse : IAsyncDisposable
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=greenhouse_test";

    private readonly List<IWarehouse> _opened = [];
    private readonly List<string> _modelSchemas = [];
    private readonly string? _directory;

    private TestWarehouse(string kind, string spec, string rawSchema, string? directory)
    {
        Kind = kind;
        Spec = spec;
        RawSchema = rawSchema;
        _directory = directory;
    }

    /// <summary>Every warehouse kind; use with <c>[MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]</c>.</summary>
    public static TheoryData<string> Kinds { get; } = new() { "sqlite", "postgresql" };

    /// <summary>The test PostgreSQL server's connection string (GREENHOUSE_TEST_PG, or the local default).</summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("GREENHOUSE_TEST_PG") is { Length: > 0 } value ? value : DefaultPostgres;

    /// <summary>"sqlite" or "postgresql".</summary>
    public string Kind { get; }

    /// <summary>The value for the config's <c>warehouse:</c> key.</summary>
    public string Spec { get; }

    /// <summary>"raw" for SQLite; a schema of its own (raw_xxxxxxxx) for PostgreSQL.</summary>
    public string RawSchema { get; }

    public static async Task<TestWarehouse> CreateAsync(string kind)
    {
        switch (kind)
        {
            case "sqlite":
                var directory = Path.Combine(Path.GetTempPath(), "greenhouse-tests", Guid.NewGuid().ToString("N")[..12]);
                Directory.CreateDirectory(directory);
                return new TestWarehouse(kind, "sqlite:" + Path.Combine(directory, "greenhouse.db"), "raw", directory);
            case "postgresql":
                await CheckPostgresAsync();
                return new TestWarehouse(kind, PostgresConnectionString, "raw_" + Guid.NewGuid().ToString("N")[..8], null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use \"sqlite\" or \"postgresql\".");
        }
    }

    private IWarehouse? _naming;

    /// <summary>
    /// A schema for models (or a test's own source tables) of this warehouse: <paramref name="name"/> itself on SQLite,
    /// where it is a table-name prefix; on PostgreSQL a schema of this test's own (<c>analytics_xxxxxxxx</c>), dropped with it.
    /// </summary>
    public string ModelSchema(string name = "analytics")
    {
        if (Kind == "sqlite")
        {
            return name;
        }

        var schema = $"{name}_{RawSchema["raw_".Length..]}";
        _modelSchemas.Add(schema);
        return schema;
    }

    /// <summary>A new warehouse instance on this database (call it twice for two concurrent users).</summary>

    public IWarehouse Open()
    {
        var warehouse = WarehouseFactory.Open(Spec, RawSchema);
        _opened.Add(warehouse);
        return warehouse;
    }

    /// <summary>A stream's table as this warehouse's SQL names it (naming opens no connection; the instance is disposed with this).</summary>
    public string TableSql(StreamDescriptor stream) => (_naming ??= Open()).TableSql(stream);

    /// <summary>A new warehouse instance, already migrated.</summary>
    public async Task<IWarehouse> OpenMigratedAsync()
    {
        var warehouse = Open();
        await warehouse.MigrateAsync();
        return warehouse;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var warehouse in _opened)
        {
            await warehouse.DisposeAsync();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.OpenAsync();
            // A model's +schema adds to the models' schema (analytics_xxxxxxxx_staging): those go too.
            var derived = new List<string>();
            foreach (var schema in _modelSchemas)
            {
                await using var find = new NpgsqlCommand("SELECT nspname::text FROM pg_namespace WHERE starts_with(nspname, $1)", connection);
                find.Parameters.AddWithValue(schema + "_");
                await using var reader = await find.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    derived.Add(reader.GetString(0));
                }
            }

            // Under the grants lock: another test's grant writes the ACLs of every analytics_ schema, and a DROP of one
            // it is rewriting fails with "tuple concurrently updated".
            await using var transaction = await connection.BeginTransactionAsync();
            await PostgresWarehouse.LockGrantsAsync(connection, CancellationToken.None);
            foreach (var schema in _modelSchemas.Concat(derived).Append(RawSchema))
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection, transaction);
                await drop.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static async Task CheckPostgresAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        try
        {
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The test PostgreSQL at {settings.Host}:{settings.Port}/{settings.Database} is not reachable ({ex.Message}). "
                + "Start it, or set GREENHOUSE_TEST_PG to a connection string for a database the tests may create schemas in.", ex);
        }
    }
}
