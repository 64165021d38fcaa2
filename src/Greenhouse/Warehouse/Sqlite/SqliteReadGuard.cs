using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// What makes a read-only connection refuse anything but one reading statement, on top of <c>Mode=ReadOnly</c> (which
/// still lets <c>ATTACH</c> create a file elsewhere and <c>VACUUM INTO</c> write a copy): an authorizer that allows
/// only reads, functions and argument-less or introspection pragmas, and a check that the text is exactly one statement
/// that SQLite itself calls read-only (<c>sqlite3_stmt_readonly</c>), made by preparing it, so nothing runs when it fails.
/// </summary>
internal static class SqliteReadGuard
{
    private const int Ok = 0;
    private const int Deny = 1;
    private const int Pragma = 19;
    private const int Read = 20;
    private const int Select = 21;
    private const int Function = 31;
    private const int Recursive = 33;

    /// <summary>Pragmas that take an argument only to name what they describe.</summary>
    private static readonly HashSet<string> Introspection = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "table_list",
    };

    /// <summary>
    /// Installs the authorizer; call once the connection's own setup has run. With <paramref name="modelSchema"/>, a
    /// table is read only when its name has that schema's prefix (<c>analytics_…</c>) or a view of that prefix reads
    /// it, and the introspection pragmas name only such tables (<see cref="QueryOptions.ModelSchema"/>); the answer
    /// then records which table it refused.
    /// </summary>
    public static ModelsOnlyPolicy? Install(SqliteConnection connection, string? modelSchema = null)
    {
        var policy = modelSchema is null ? null : new ModelsOnlyPolicy(modelSchema + "_");
        raw.sqlite3_set_authorizer(connection.Handle, policy is null ? Authorize : ModelsOnly, policy);
        return policy;
    }

    /// <summary>What a models-only connection allows (tables of <see cref="Prefix"/>), and the first table it refused.</summary>
    internal sealed class ModelsOnlyPolicy(string prefix)
    {
        public string Prefix { get; } = prefix;

        public string? Refused { get; set; }

        public bool Allows(string? name) => name is not null && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Throws a refusal unless <paramref name="sql"/> is one statement that only reads; runs nothing.</summary>
    public static void RequireOneReadingStatement(SqliteConnection connection, string sql, ModelsOnlyPolicy? policy = null)
    {
        if (policy is not null && SqliteCteNames.Of(sql).FirstOrDefault(policy.Allows) is { } name)
        {
            // The authorizer reports reads through a CTE as through a view of its name: one named like a model could pass for one.
            throw new WarehouseException($"Query refused: a WITH name may not begin with {policy.Prefix} (the modelled tables' prefix) on this login; rename {name}.");
        }

        ReadOnlySpan<byte> remaining = Encoding.UTF8.GetBytes(sql);
        var statements = 0;
        while (!remaining.IsEmpty)
        {
            var rc = raw.sqlite3_prepare_v2(connection.Handle, remaining, out var statement, out var tail);
            using (statement)
            {
                if (rc != Ok)
                {
                    if (statements > 0)
                    {
                        throw MoreThanOne();
                    }

                    return; // Running it reports the error the way every other failure is reported.
                }

                if (!statement.IsInvalid)
                {
                    if (++statements > 1)
                    {
                        throw MoreThanOne();
                    }

                    if (raw.sqlite3_stmt_readonly(statement) == 0)
                    {
                        throw new WarehouseException("Query refused: the read-only query path cannot run a statement that writes.") { WriteRefused = true };
                    }
                }
            }

            remaining = tail;
        }
    }

    private static WarehouseException MoreThanOne() =>
        new("Query refused: the text holds more than one statement; the read-only query path runs exactly one (nothing was run).");

    /// <summary>SQLite's own catalog, which a schema browser reads; it names tables but holds no rows of them.</summary>
    private static readonly HashSet<string> Catalog = new(StringComparer.OrdinalIgnoreCase) { "sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema" };

    private static int ModelsOnly(object userData, int action, string? first, string? second, string? database, string? view)
    {
        var policy = (ModelsOnlyPolicy)userData;
        var allowed = action switch
        {
            // A read with no column is count(*) (SQLite says so once per table, and after flattening a view it no longer
            // names the view): it yields how many rows, never what is in them.
            Read => policy.Allows(first) || policy.Allows(view) || Catalog.Contains(first ?? "") || second is "",
            Pragma when second is not null && first is not null && Introspection.Contains(first) => policy.Allows(second),
            _ => true,
        };
        if (!allowed)
        {
            policy.Refused ??= action == Read ? first : second;
            return Deny;
        }

        return Authorize(userData, action, first, second, database, view);
    }

    private static int Authorize(object userData, int action, string? first, string? second, string? database, string? trigger) => action switch
    {
        Read or Select or Function or Recursive => Ok,
        Pragma when second is null || (first is not null && Introspection.Contains(first)) => Ok,
        _ => Deny,
    };
}
