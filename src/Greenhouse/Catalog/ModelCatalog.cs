using Greenhouse.Config;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Catalog;

/// <summary>
/// The transform project described for people and LLMs (MCP's <c>list_models</c> and <c>get_model</c>): each model and
/// seed with the relation to query, its description and columns from the project's yml, its lineage, its last build,
/// its tests and how they last ended, and its compiled SQL.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class ModelCatalog(GreenhouseConfig config, IWarehouse warehouse, TimeProvider? clock = null)
{
    /// <summary>Every enabled model and seed, in the project's order, and the source tables they read.</summary>
    public async Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var (project, runs) = await LoadAsync(cancellationToken);
        return new ModelList(
            project.Project.Name,
            [.. Buildable(project).Select(n => Summary(project, n, runs))],
            [.. project.Sources.Values.OrderBy(s => s.UniqueId, StringComparer.Ordinal).Select(s => Source(project, s))],
            "Query a model by its 'relation'. get_model gives its compiled SQL and documented columns; a test's last_run says whether the data passed it. "
            + "sources are the landed tables the models read.");
    }

    /// <summary>One model or seed by name (<c>fct_mrr</c>), unique id, or relation; an unknown one throws <see cref="CatalogException"/> naming the known ones.</summary>
    public async Task<ModelDetail> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (project, runs) = await LoadAsync(cancellationToken);
        var wanted = name.Trim().Replace("\"", "", StringComparison.Ordinal);
        var nodes = Buildable(project).ToList();
        // A versioned model's name is its latest version; dim_customers.v1 (its search name) is one version.
        var node = nodes.FirstOrDefault(n => n.UniqueId == wanted || n.SearchName == wanted || RelationOf(project, n) == wanted)
            ?? nodes.FirstOrDefault(n => n.Name == wanted && n.Version == n.LatestVersion)
            ?? throw new CatalogException($"No model or seed '{name}' in project {project.Project.Name}.{DidYouMean.Hint(wanted, nodes.Select(n => n.SearchName))} "
                + $"Known: {string.Join(", ", nodes.Select(n => n.SearchName))}. Call list_models for what each is.");
        var properties = project.Project.PropertiesOf(node);
        string? sql = null;
        if (node.Type == ManifestNodeType.Model)
        {
            try
            {
                sql = project.Compile(node.UniqueId);
            }
            catch (ProjectException e)
            {
                throw new CatalogException($"{node.Name} does not compile: {e.Message}", e);
            }
        }

        return new ModelDetail(
            Summary(project, node, runs),
            node.Path,
            [.. (properties?.Columns ?? []).Select(c => new ColumnNote(c.Name, Describe(project, c.Description, properties!.File), c.DataType))],
            sql);
    }

    private async Task<(CompiledProject Project, IReadOnlyDictionary<string, ModelRunRecord> Runs)> LoadAsync(CancellationToken cancellationToken)
    {
        if (config.Transform is null)
        {
            throw new CatalogException("This warehouse has no transform project (no transform: in greenhouse.yml), so there are no models; list_tables lists the landed tables.");
        }

        CompiledProject project;
        try
        {
            project = new TransformService(config, warehouse, clock ?? TimeProvider.System).Parse();
        }
        catch (ProjectException e)
        {
            throw new CatalogException($"The transform project does not load: {e.Message}", e);
        }

        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var runs = await warehouse.ReadModelRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
        return (project, runs.GroupBy(r => r.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
    }

    private static IEnumerable<ManifestNode> Buildable(CompiledProject project) =>
        project.Nodes.Where(n => n.Type is ManifestNodeType.Model or ManifestNodeType.Seed);

    private ModelSummary Summary(CompiledProject project, ManifestNode node, IReadOnlyDictionary<string, ModelRunRecord> runs)
    {
        var properties = project.Project.PropertiesOf(node);
        var tests = project.Nodes.Where(t => t.Type == ManifestNodeType.Test && t.DependsOn.Contains(node.UniqueId, StringComparer.Ordinal))
            .Select(t => new ModelTest(
                t.UniqueId,
                t.Name,
                t.TestName,
                t.ColumnName,
                t.Config.TryGetValue("severity", out var severity) && severity is string s ? s.ToLowerInvariant() : "error",
                Build(runs.GetValueOrDefault(t.UniqueId))))
            .ToList();
        return new ModelSummary(
            node.SearchName,
            node.UniqueId,
            node.Type.ToString().ToLowerInvariant(),
            RelationOf(project, node) ?? node.Name,
            node.Type == ManifestNodeType.Seed ? "seed" : node.Config.TryGetValue("materialized", out var m) && m is string text ? text : "view",
            Describe(project, properties?.Description, properties?.File),
            node.Tags,
            node.DependsOn,
            [.. project.Nodes.Where(c => c.Type is ManifestNodeType.Model && c.DependsOn.Contains(node.UniqueId, StringComparer.Ordinal)).Select(c => c.UniqueId)],
            Build(runs.GetValueOrDefault(node.UniqueId)),
            tests);
    }

    private static ModelSource Source(CompiledProject project, SourceNode source)
    {
        var documented = source.Table?.Columns ?? [];
        var landed = source.Stream?.Spec.Columns ?? [];
        var columns = landed.Select(c => new ColumnNote(c.Name,
                documented.FirstOrDefault(d => d.Name == c.Name)?.Description is { } mine ? Describe(project, mine, source.Declared?.File) : c.Description,
                c.Type.ToString().ToLowerInvariant()))
            .Concat(documented.Where(d => landed.All(c => c.Name != d.Name)).Select(d => new ColumnNote(d.Name, Describe(project, d.Description, source.Declared?.File), d.DataType)))
            .ToList();
        return new ModelSource(
            $"{source.SourceName}.{source.TableName}",
            source.UniqueId,
            source.Relation.Render().Replace("\"", "", StringComparison.Ordinal),
            Describe(project, source.Table?.Description, source.Declared?.File) ?? source.Stream?.Spec.Description,
            [.. project.Nodes.Where(c => c.Type is ManifestNodeType.Model && c.DependsOn.Contains(source.UniqueId, StringComparer.Ordinal)).Select(c => c.UniqueId)],
            columns);
    }

    /// <summary>The relation's SQL name without quotes, as <c>list_tables</c> gives it; null for an ephemeral model (it has none).</summary>
    private string? RelationOf(CompiledProject project, ManifestNode node) =>
        project.TransformNodes.FirstOrDefault(t => t.UniqueId == node.UniqueId) is { } built
            ? warehouse.ModelRelation(built.Schema, built.Alias).Sql.Replace("\"", "", StringComparison.Ordinal)
            : null;

    /// <summary>A description with its <c>{{ doc('name') }}</c> references rendered, as dbt shows it; as written when it does not render.</summary>
    private static string? Describe(CompiledProject project, string? description, string? file)
    {
        if (description is null || !description.Contains("{{", StringComparison.Ordinal))
        {
            return description;
        }

        try
        {
            return project.RenderSql(description, file ?? "description");
        }
        catch (TemplateException)
        {
            return description;
        }
    }

    private static ModelBuild? Build(ModelRunRecord? run) => run is null ? null
        : new ModelBuild(run.RunId, run.Status.ToString().ToLowerInvariant(), run.FinishedAt, run.RowsAffected, Math.Round(run.Seconds, 3),
            run.Error is { } error ? Secrets.Redact(error) : null);
}
