using System.Text;
using Greenhouse.Sources;

namespace Greenhouse.Transform.Scaffolding;

/// <summary>
/// <c>greenhouse transform init</c>: a dbt project that works from the first run, with one staging view per enabled
/// stream (typed columns renamed the dbt way: <c>customer_id</c>, <c>created_at</c>, <c>is_livemode</c>; deleted
/// records left out) and a properties file per source describing them, with <c>unique</c>/<c>not_null</c> on each key.
/// </summary>
public static class StarterProject
{
    /// <summary>Writes the project into <paramref name="folder"/>, which must be missing or empty. Returns the files written, relative to it.</summary>
    public static IReadOnlyList<string> Write(string folder, string projectName, IReadOnlyList<StreamDescriptor> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"{folder} is not empty; `transform init` writes a new project only into a missing or empty folder.");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dbt_project.yml"] = $$"""
                # The dbt project Greenhouse builds (greenhouse.yml: transform: ./{{Path.GetFileName(folder)}}).
                # Staging models are views over the landed streams; put facts and dimensions in models/marts/.
                name: {{projectName}}
                version: '1.0'
                config-version: 2

                model-paths: ["models"]
                seed-paths: ["seeds"]
                test-paths: ["tests"]
                macro-paths: ["macros"]

                models:
                  {{projectName}}:
                    staging:
                      +materialized: view
                    marts:
                      +materialized: table

                """,
            ["README.md"] = """
                # Transform project

                A dbt project. `greenhouse transform build` builds it into the warehouse; `greenhouse transform ls`
                lists its models; `greenhouse transform compile` writes each model's SQL to `target/compiled/`.

                - `models/staging/<source>/`: one view per landed stream, columns renamed, deleted rows left out.
                  `source('stripe', 'customers')` reads a landed stream without declaring it.
                - `models/marts/`: your facts and dimensions (tables).
                - `seeds/`: CSV files loaded as tables; `macros/`: your macros; `tests/`: singular tests.

                """,
        };
        foreach (var source in streams.GroupBy(s => s.Source))
        {
            var properties = new StringBuilder("version: 2\n\nmodels:\n");
            foreach (var stream in source)
            {
                var model = $"stg_{stream.Source}__{stream.Name}";
                files[$"models/staging/{stream.Source}/{model}.sql"] = StagingSql(stream);
                properties.Append($"  - name: {model}\n");
                properties.Append($"    description: {SourcesFile.Quote($"{stream.FullName} as landed, one row per record, deleted records left out. {stream.Spec.Description}".Trim())}\n");
                properties.Append("    columns:\n");
                properties.Append($"      - name: {KeyName(stream)}\n        description: {SourcesFile.Quote($"The record's {stream.PrimaryKey}.")}\n");
                properties.Append("        data_tests:\n          - unique\n          - not_null\n");
                foreach (var column in stream.Columns.Where(c => c.Description is not null))
                {
                    properties.Append($"      - name: {ColumnName(column)}\n        description: {SourcesFile.Quote(column.Description!)}\n");
                }
            }

            files[$"models/staging/{source.Key}/_{source.Key}__models.yml"] = properties.ToString();
        }

        foreach (var empty in new[] { "models/marts", "seeds", "macros", "tests" })
        {
            Directory.CreateDirectory(Path.Combine(folder, empty));
        }

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return [.. files.Keys.Order(StringComparer.Ordinal)];
    }

    private static string StagingSql(StreamDescriptor stream)
    {
        var sql = new StringBuilder();
        sql.Append($"-- {stream.FullName}, as landed by Greenhouse. Types are set when it lands; the raw JSON is in _gh_raw.\n");
        sql.Append("select\n");
        sql.Append($"    id as {KeyName(stream)},\n");
        foreach (var column in stream.Columns)
        {
            var name = ColumnName(column);
            sql.Append(name == column.Name ? $"    \"{column.Name}\",\n" : $"    \"{column.Name}\" as {name},\n");
        }

        sql.Append("    _gh_last_synced as synced_at\n");
        sql.Append($"from {{{{ source('{stream.Source}', '{stream.Name}') }}}}\n");
        sql.Append("where _gh_deleted_at is null\n");
        return sql.ToString();
    }

    /// <summary>The key as dbt style names it: <c>customer_id</c> for the <c>customers</c> stream.</summary>
    private static string KeyName(StreamDescriptor stream)
    {
        var name = stream.Name;
        var singular = name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
            : name.EndsWith("ses", StringComparison.Ordinal) ? name[..^2]
            : name.EndsWith('s') ? name[..^1]
            : name;
        return singular + "_id";
    }

    /// <summary>Timestamps end in <c>_at</c>, booleans start with <c>is_</c>; other columns keep their names.</summary>
    private static string ColumnName(ColumnSpec column) => column.Type switch
    {
        ColumnType.Timestamp when !column.Name.EndsWith("_at", StringComparison.Ordinal) && !column.Name.EndsWith("_date", StringComparison.Ordinal) => column.Name + "_at",
        ColumnType.Boolean when !column.Name.StartsWith("is_", StringComparison.Ordinal) && !column.Name.StartsWith("has_", StringComparison.Ordinal) => "is_" + column.Name,
        _ => column.Name,
    };
}
