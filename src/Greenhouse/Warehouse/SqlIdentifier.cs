using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>Names that end up in SQL: checked once, then quoted.</summary>
internal static partial class SqlIdentifier
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Plain();

    public static bool IsPlain(string name) => Plain().IsMatch(name);

    /// <summary>Double-quotes a name (both dialects accept it), doubling any embedded quote.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The name of the index Greenhouse keeps on <paramref name="column"/> of <paramref name="table"/>:
    /// <c>{table}_{column}_idx</c> (PostgreSQL's own naming), cut and made unique by a hash when longer than 63 bytes.
    /// </summary>
    public static string IndexName(string table, string column)
    {
        var name = $"{table}_{column}_idx";
        if (Encoding.UTF8.GetByteCount(name) <= 63)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(63 - hash.Length - "__idx".Length)]}_{hash}_idx";
    }

    public static string RequirePlainSchema(string rawSchema) =>
        IsPlain(rawSchema)
            ? rawSchema
            : throw new WarehouseException(
                $"The raw schema name '{rawSchema}' is not a plain identifier (letters, digits and _, not starting with a digit).");

    /// <summary>Rejects table and column names that would clash with the key or the metadata columns.</summary>
    public static void CheckStream(StreamDescriptor stream)
    {
        if (!IsPlain(stream.TableName))
        {
            throw new WarehouseException($"Stream {stream.FullName}: '{stream.TableName}' is not a plain table name.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in stream.Columns)
        {
            if (column.Name.Length == 0 || column.Name.Length > 63
                || string.Equals(column.Name, StreamDescriptor.KeyColumn, StringComparison.OrdinalIgnoreCase)
                || column.Name.StartsWith("_gh_", StringComparison.OrdinalIgnoreCase))
            {
                throw new WarehouseException(
                    $"Stream {stream.FullName}: column '{column.Name}' is not allowed (the key 'id' and '_gh_' names are the warehouse's).");
            }

            if (!seen.Add(column.Name))
            {
                throw new WarehouseException($"Stream {stream.FullName}: column '{column.Name}' is declared twice.");
            }
        }
    }
}
