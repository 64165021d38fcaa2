using System.Text;
using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Scaffolding;

/// <summary>
/// <c>greenhouse transform sources</c>: a dbt <c>sources.yml</c> describing every landed stream (its table, columns,
/// types and descriptions, and Greenhouse's metadata columns), for teams that also run dbt-core against the warehouse.
/// The source is named after the raw schema, so <c>source('raw', 'stripe_customers')</c> means the same in both.
/// </summary>
public static class SourcesFile
{
    /// <summary>Greenhouse's metadata columns on every stream table, as a reader needs them explained.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> MetadataColumns =
    [
        ("_gh_raw", "The record exactly as the vendor sent it (JSON)."),
        ("_gh_hash", "SHA-256 of the record's canonical JSON (RFC 8785): unchanged content, unchanged hash."),
        ("_gh_first_seen", "When Greenhouse first landed the record."),
        ("_gh_last_synced", "When a sync or webhook last saw the record."),
        ("_gh_deleted_at", "When the vendor deleted the record (null while it exists): filter `_gh_deleted_at is null`."),
        ("_gh_as_of", "The vendor's time of this version of the record (its updated time, or the event's)."),
        ("_gh_run_id", "The sync run (_gh_runs.id) that wrote this version."),
    ];

    public static string Render(IEnumerable<StreamDescriptor> streams, string rawSchema, WarehouseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
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

            foreach (var (name, description) in MetadataColumns)
            {
                yaml.Append($"          - name: {name}\n            description: {Quote(description)}\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON's string syntax is one).</summary>
    internal static string Quote(string text) => JsonSerializer.Serialize(text);
}
