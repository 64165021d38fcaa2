using System.Text;
using System.Text.Json;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;

namespace Greenhouse.Transform;

/// <summary>The <c>--json</c> output of <c>transform ls</c>, of a transform run and of <c>transform source freshness</c>.</summary>
public static class TransformJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Nodes(IEnumerable<ManifestNode> nodes) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var node in nodes)
        {
            writer.WriteStartObject();
            writer.WriteString("unique_id", node.UniqueId);
            writer.WriteString("name", node.Name);
            if (node.Version is not null)
            {
                writer.WriteString("version", node.Version);
                writer.WriteString("latest_version", node.LatestVersion);
            }

            writer.WriteString("resource_type", node.Type.ToString().ToLowerInvariant());
            writer.WriteString("package_name", node.Package);
            writer.WriteString("original_file_path", node.Path);
            writer.WriteString("materialized", node.Config.TryGetValue("materialized", out var m) ? Templates.TemplateValues.ToText(m) : null);
            Strings(writer, "tags", node.Tags);
            Strings(writer, "fqn", node.Fqn);
            Strings(writer, "depends_on", node.DependsOn);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>Each stream against its freshness limits, in the shape of dbt's <c>sources.json</c> results (seconds, not spans).</summary>
    public static string Freshness(IEnumerable<Status.StreamFreshness> streams) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var stream in streams)
        {
            writer.WriteStartObject();
            writer.WriteString("stream", stream.Stream);
            writer.WriteString("status", stream.Level.ToString().ToLowerInvariant());
            writer.WriteString("max_loaded_at", stream.LastSuccess?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Seconds(writer, "max_loaded_at_time_ago_in_s", stream.Staleness);
            Seconds(writer, "warn_after_s", stream.Policy.WarnAfter);
            Seconds(writer, "error_after_s", stream.Policy.ErrorAfter);
            writer.WriteString("set_in", stream.Policy.SetIn);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        static void Seconds(Utf8JsonWriter writer, string name, TimeSpan? value)
        {
            if (value is { } span)
            {
                writer.WriteNumber(name, Math.Round(span.TotalSeconds, 3));
            }
            else
            {
                writer.WriteNull(name);
            }
        }
    });

    public static string Run(TransformRunResult result) => Write(writer =>
    {
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteNumber("run_id", result.RunId);
        writer.WriteString("status", result.Status.ToString().ToLowerInvariant());
        writer.WriteNumber("elapsed_seconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        writer.WriteStartArray("results");
        foreach (var node in result.Nodes)
        {
            writer.WriteStartObject();
            writer.WriteString("unique_id", node.Node);
            writer.WriteString("status", node.Status.ToString().ToLowerInvariant());
            writer.WriteString("materialized", node.Materialization);
            if (node.RowsAffected is { } rows)
            {
                writer.WriteNumber("rows_affected", rows);
            }
            else
            {
                writer.WriteNull("rows_affected");
            }

            if (node.Materialization == "test")
            {
                // dbt's run_results name for a test's fail_calc value.
                writer.WriteNumber("failures", node.RowsAffected ?? 0);
            }

            writer.WriteNumber("execution_seconds", Math.Round(node.Seconds, 3));
            writer.WriteString("error", node.Error);
            writer.WriteString("sql_sha256", node.SqlHash);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
