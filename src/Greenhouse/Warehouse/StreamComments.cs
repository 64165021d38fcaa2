using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>
/// What a landed table and its columns say about themselves in the database's catalog (PostgreSQL <c>COMMENT ON</c>,
/// which Metabase, psql's <c>\d+</c> and an LLM reading <c>pg_description</c> see), from the connector's descriptions.
/// </summary>
internal static class StreamComments
{
    public static string Table(StreamDescriptor stream) =>
        $"{stream.Spec.Description ?? $"Records of the {stream.FullName} stream"} (Greenhouse stream {stream.FullName}; live rows: {MetadataColumn.DeletedAt} IS NULL)";

    /// <summary>Each column with a description: the metadata columns and the typed columns that have one.</summary>
    public static IEnumerable<(string Column, string Comment)> Columns(StreamDescriptor stream) =>
        MetadataColumn.All.Select(m => (m.Name, m.Description))
            .Concat(stream.Columns.Where(c => c.Description is not null).Select(c => (c.Name, c.Description!)));

    /// <summary>A SQL string literal (both dialects: single quotes, an embedded quote doubled).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
