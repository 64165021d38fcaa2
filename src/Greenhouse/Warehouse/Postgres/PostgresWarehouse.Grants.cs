using System.Text.RegularExpressions;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// Reader logins. Grants are the real boundary on PostgreSQL (a session can switch <c>READ ONLY</c> off; a superuser
/// owner can run <c>COPY … TO PROGRAM</c> even inside it): USAGE and SELECT on the raw and modelled schemas, default
/// privileges for tables the owner creates later, CONNECT, and nothing else. Temp tables come from PUBLIC's default
/// TEMPORARY on the database, so granting revokes that from PUBLIC and grants it back to the owner running the grant.
/// </summary>
internal sealed partial class PostgresWarehouse : IReaderGrants
{
    private const string Schemas = """
        SELECT nspname FROM pg_namespace WHERE nspname = $1 OR nspname = 'analytics' OR nspname LIKE 'analytics\_%' ORDER BY nspname
        """;

    public async Task<IReadOnlyList<string>> GrantReaderAsync(string role, string password, bool modelsOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var name = RoleName(role);
        await MigrateAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrantReaderOnceAsync(role, name, password, modelsOnly, cancellationToken);
            }
            catch (PostgresException ex) when (attempt < 5 && CatalogChangedUnderneath(ex))
            {
                // A table or schema it was granting on was dropped or altered by another session (a model build's swap):
                // the whole grant is rolled back, so it runs again against the catalog as it is now.
                await Task.Delay(50 * attempt, cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new WarehouseException($"Could not grant the reader role {role}: {ex.SqlState}: {ex.MessageText}", ex);
            }
        }
    }

    /// <summary>
    /// "tuple concurrently deleted/updated" (XX000), a deadlock, a serialization failure, or a schema it had just listed
    /// gone: the catalog rows a GRANT rewrites changed in another session mid-statement. The transaction is rolled back
    /// whole; trying again is safe.
    /// </summary>
    private static bool CatalogChangedUnderneath(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.InvalidSchemaName
        || (ex.SqlState == PostgresErrorCodes.InternalError && ex.MessageText.StartsWith("tuple concurrently", StringComparison.Ordinal));

    private async Task<IReadOnlyList<string>> GrantReaderOnceAsync(string role, string name, string password, bool modelsOnly, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A model build's swap drops tables and views this grants on: the two wait for each other (swap lock first, as a
        // build never takes the grants lock while it holds the swap lock), and then never collide in the catalog.
        await PostgresRunLock.HoldForTransactionAsync(connection, SwapLockKey, cancellationToken);
        await LockGrantsAsync(connection, cancellationToken);

        var exists = await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", cancellationToken, role);
        var database = SqlIdentifier.Quote(await ScalarAsync<string>(connection, "SELECT current_database()", cancellationToken));
        await ExecuteAsync(connection, $"""
            {(exists ? "ALTER" : "CREATE")} ROLE {name} WITH LOGIN PASSWORD '{PostgresScram.Verifier(password)}'
                NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
            """, cancellationToken);
        await ExecuteAsync(connection, $"""
            GRANT CONNECT ON DATABASE {database} TO {name};
            REVOKE CREATE, TEMPORARY ON DATABASE {database} FROM {name};
            GRANT TEMPORARY ON DATABASE {database} TO CURRENT_USER;
            REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC;
            REVOKE CREATE ON SCHEMA public FROM {name};
            """, cancellationToken);
        var schemas = await ListAsync(connection, Schemas, cancellationToken, _rawSchema);
        if (modelsOnly)
        {
            // A login made for everything before keeps nothing of the raw schema, tables made later included.
            var raw = SqlIdentifier.Quote(_rawSchema);
            await ExecuteAsync(connection, $"""
                REVOKE ALL ON ALL TABLES IN SCHEMA {raw} FROM {name};
                ALTER DEFAULT PRIVILEGES IN SCHEMA {raw} REVOKE SELECT ON TABLES FROM {name};
                REVOKE USAGE ON SCHEMA {raw} FROM {name};
                """, cancellationToken);
            schemas = [.. schemas.Where(s => s != _rawSchema)];
        }

        foreach (var schema in schemas.Select(SqlIdentifier.Quote))
        {
            await ExecuteAsync(connection, $"""
                GRANT USAGE ON SCHEMA {schema} TO {name};
                REVOKE CREATE ON SCHEMA {schema} FROM {name};
                REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {name};
                GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {name};
                ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {name};
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return schemas;
    }

    /// <summary>
    /// Serializes grant changes across sessions for the rest of the transaction: grants on the database rewrite its one
    /// pg_database row and <c>DROP OWNED</c> the same ACLs, so two at once fail with "tuple concurrently updated" or deadlock.
    /// </summary>
    internal static Task LockGrantsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        PostgresRunLock.HoldForTransactionAsync(connection, PostgresRunLock.KeyFor("greenhouse:grants"), cancellationToken);

    public async Task<ReaderCheck> CheckReaderAsync(string role, CancellationToken cancellationToken = default)
    {
        _ = RoleName(role);
        await using var connection = await OpenAsync(cancellationToken);
        bool exists, elevated;
        await using (var command = new NpgsqlCommand(
            "SELECT rolcanlogin, rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = role });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            exists = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
            elevated = exists && reader.GetBoolean(1);
        }

        if (!exists)
        {
            return new ReaderCheck(role, false, [], [], [], false, false);
        }

        const string Visible = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        var readable = new List<(string, int, int)>();
        var createIn = new List<string>();
        await using (var command = new NpgsqlCommand($"""
            SELECT n.nspname, has_schema_privilege($1, n.oid, 'CREATE'),
                count(c.oid) FILTER (WHERE has_table_privilege($1, c.oid, 'SELECT'))::int, count(c.oid)::int
            FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            WHERE {Visible} AND has_schema_privilege($1, n.oid, 'USAGE')
            GROUP BY n.nspname, n.oid ORDER BY n.nspname
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = role });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                readable.Add((reader.GetString(0), reader.GetInt32(2), reader.GetInt32(3)));
                if (reader.GetBoolean(1))
                {
                    createIn.Add(reader.GetString(0));
                }
            }
        }

        if (await ScalarAsync<bool>(connection, "SELECT has_database_privilege($1, current_database(), 'CREATE')", cancellationToken, role))
        {
            createIn.Insert(0, "database");
        }

        var writable = await ListAsync(connection, $"""
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND {Visible} AND has_schema_privilege($1, n.oid, 'USAGE')
                AND (has_table_privilege($1, c.oid, 'INSERT') OR has_table_privilege($1, c.oid, 'UPDATE')
                    OR has_table_privilege($1, c.oid, 'DELETE') OR has_table_privilege($1, c.oid, 'TRUNCATE'))
            ORDER BY 1 LIMIT 10
            """, cancellationToken, role);
        var canTemp = await ScalarAsync<bool>(connection, "SELECT has_database_privilege($1, current_database(), 'TEMPORARY')", cancellationToken, role);
        return new ReaderCheck(role, true, readable, createIn, writable, canTemp, elevated);
    }

    /// <summary>A role name that needs no quoting: lower-case letters, digits, underscores.</summary>
    private static string RoleName(string role) => role is not null && PlainRole().IsMatch(role)
        ? SqlIdentifier.Quote(role)
        : throw new WarehouseException($"The role name '{role}' is not a plain lower-case name (letters, digits, underscores; at most 63).");

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainRole();
}
