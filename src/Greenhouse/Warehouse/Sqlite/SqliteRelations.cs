using Microsoft.Data.Sqlite;

namespace Greenhouse.Warehouse.Sqlite;

/// <summary>What a relation is: its kind from <c>sqlite_master</c> and its columns from <c>pragma_table_info</c> (which also resolves a view's names).</summary>
internal static class SqliteRelations
{
    public static RelationInfo? Describe(SqliteConnection connection, SqliteTransaction? transaction, string tableName)
    {
        using var kind = SqliteWarehouse.Command(connection, transaction,
            "SELECT type FROM sqlite_master WHERE name = $1 COLLATE NOCASE AND type IN ('table', 'view')", tableName);
        if (kind.ExecuteScalar() is not string type)
        {
            return null;
        }

        var columns = new List<RelationColumn>();
        using var read = SqliteWarehouse.Command(connection, transaction, "SELECT name, type FROM pragma_table_info($1)", tableName);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(new RelationColumn(reader.GetString(0), reader.GetString(1)));
        }

        return new RelationInfo(type == "view" ? RelationKind.View : RelationKind.Table, columns);
    }
}
