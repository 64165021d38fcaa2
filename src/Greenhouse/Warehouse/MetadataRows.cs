using System.Data.Common;
using System.Text.Json.Nodes;

namespace Greenhouse.Warehouse;

/// <summary>
/// Reads the rows of <see cref="MetadataSql"/>'s queries into records, the same way in both dialects; only how an
/// instant is stored differs (PostgreSQL <c>timestamptz</c>, SQLite ISO 8601 text), so each passes its <paramref name="time"/> reader.
/// </summary>
internal static class MetadataRows
{
    public static StreamRunRecord StreamRun(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time)
    {
        var startedAt = time(reader, 10);
        DateTimeOffset? finishedAt = reader.IsDBNull(11) ? null : time(reader, 11);
        return new StreamRunRecord(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredText.ParseStatus(reader.GetString(3)),
            reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
            startedAt, finishedAt, finishedAt is { } f ? (f - startedAt).TotalSeconds : 0,
            reader.IsDBNull(12) ? null : reader.GetString(12));
    }

    public static ModelRunRecord ModelRun(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        StoredText.ParseModelStatus(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetInt64(4),
        reader.GetDouble(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        time(reader, 8),
        time(reader, 9));

    public static StateEntry State(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetString(0),
        reader.GetString(1),
        JsonNode.Parse(reader.GetString(2))!.AsObject(),
        time(reader, 3),
        reader.IsDBNull(4) ? null : reader.GetInt64(4));

    public static AlertRecord Alert(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetString(0),
        reader.GetString(1),
        time(reader, 2),
        reader.IsDBNull(3) ? null : time(reader, 3),
        reader.IsDBNull(4) ? null : reader.GetString(4));

    public static AccessTokenRecord Token(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetString(0),
        reader.GetString(1),
        time(reader, 2),
        reader.IsDBNull(3) ? null : time(reader, 3),
        reader.IsDBNull(4) ? null : time(reader, 4));

    public static UserRecord User(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        time(reader, 3),
        Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : time(reader, 5));

    public static CheckRunRecord CheckRun(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        reader.GetDouble(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        time(reader, 8));

    public static CheckRowRecord CheckRow(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        time(reader, 4),
        time(reader, 5),
        reader.IsDBNull(6) ? null : time(reader, 6));

    /// <summary>Reads every row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> AllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
