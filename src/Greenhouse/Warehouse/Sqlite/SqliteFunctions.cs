using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// SQL functions SQLite lacks and PostgreSQL has, registered on every connection Greenhouse opens, so one model's SQL
/// runs on both (the built-in <c>dbt.hash</c> macro calls <c>md5</c>). Only Greenhouse's connections have them: an
/// outside reader (the <c>sqlite3</c> shell, Metabase) of a view that calls one gets "no such function".
/// </summary>
internal static class SqliteFunctions
{
    public static void Register(SqliteConnection connection)
    {
        // md5(text): the lowercase hex MD5 of the value's UTF-8 text, NULL for NULL, as PostgreSQL's md5().
        connection.CreateFunction("md5", (string? text) => text is null ? null : Md5(text), isDeterministic: true);
    }

#pragma warning disable CA5351 // MD5 is what PostgreSQL's md5() computes; it names rows (surrogate keys), it protects nothing.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
