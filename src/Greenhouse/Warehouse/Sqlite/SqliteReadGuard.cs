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

    /// <summary>Installs the authorizer; call once the connection's own setup has run.</summary>
    public static void Install(SqliteConnection connection) =>
        raw.sqlite3_set_authorizer(connection.Handle, Authorize, null);

    /// <summary>Throws a refusal unless <paramref name="sql"/> is one statement that only reads; runs nothing.</summary>
    public static void RequireOneReadingStatement(SqliteConnection connection, string sql)
    {
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

    private static int Authorize(object userData, int action, string? first, string? second, string? database, string? trigger) => action switch
    {
        Read or Select or Function or Recursive => Ok,
        Pragma when second is null || (first is not null && Introspection.Contains(first)) => Ok,
        _ => Deny,
    };
}
