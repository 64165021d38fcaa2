using System.Text;
using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Scaffolding;

/// <summary>
/// <c>greenhouse transform sources</c>: a dbt <c>sources.yml</c> describing every landed stream (its table, columns,
/// types and descriptions, and the <c>_gh_</c> metadata columns as <see cref="MetadataColumn.All"/> describes them),
/// for teams that also run dbt-core against the warehouse. The source is named after the raw schema, so <c>source('raw', 'stripe_customers')</c> means the same in both.
/// </summary>
public static class SourcesFile
{
    public static string Render(IEnumerable<StreamDescriptor> streams, string rawSchema, WarehouseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var metadata = MetadataColumn.All.Where(c => c.Name != StreamDescriptor.KeyColumn).ToList();
        var yaml = new StringBuilder();
        yaml.Append("# Written by `greenhouse transform sources`: every stream Greenhouse lands, for dbt.\n");
        yaml.Append("# Regenerate it after enabling a stream; edit descriptions and tests freely.\n");
        yaml.Append("version: 2\n\nsources:\n");
        yaml.Append($"  - name: {rawSchema}\n    schema: {rawSchema}\n");
        yaml.Append("    description: Data landed by Greenhouse, one table per stream (raw JSON plus typed columns).\n");
        yaml.Append("    tables:\n");
        foreach (var stream in streams.OrderBy(s => s.TableName, StringComparer.Ordinal))
        {
            yaml.Append($"      - name: {stream.TableName}\n");
            yaml.Append($"        description: {Quote($"{stream.FullName}: {stream.Spec.Description ?? "records of the stream"}")}\n");
            yaml.Append("        columns:\n");
            yaml.Append($"          - name: {StreamDescriptor.KeyColumn}\n            data_type: {dialect.ColumnType(ColumnType.Text)}\n");
            yaml.Append($"            description: {Quote($"The record's {stream.PrimaryKey} (primary key).")}\n");
            foreach (var column in stream.Columns)
            {
                yaml.Append($"          - name: {column.Name}\n            data_type: {dialect.ColumnType(column.Type)}\n");
                if (column.Description is { } description)
                {
                    yaml.Append($"            description: {Quote(description)}\n");
                }
            }

            foreach (var column in metadata)
            {
                yaml.Append($"          - name: {column.Name}\n            description: {Quote(column.Description)}\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON's string syntax is one).</summary>
    internal static string Quote(string text) => JsonSerializer.Serialize(text);
}
