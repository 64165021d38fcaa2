using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// A parsed project: its graph (<see cref="Nodes"/>, what selection and <c>ls</c> read), the nodes the runner builds,
/// and each model's SQL compiled on demand with <c>execute</c> true (ephemeral models inlined as CTEs).
/// </summary>
public sealed class CompiledProject
{
    private readonly IWarehouse _warehouse;
    private readonly TemplateContext _globals;
    private readonly TemplateAdapter _adapter;
    private readonly Dictionary<string, ParsedNode> _byId;
    private readonly RefTargets _refTargets;
    private readonly SourceResolver _sourceResolver;
    private readonly Dictionary<string, SourceNode> _sources;

    internal CompiledProject(DbtProject project, IWarehouse warehouse, TemplateContext globals, TemplateAdapter adapter,
        IReadOnlyList<ParsedNode> nodes, SourceResolver sources)
    {
        _adapter = adapter;
        Project = project;
        _warehouse = warehouse;
        _globals = globals;
        _byId = nodes.ToDictionary(n => n.UniqueId, StringComparer.Ordinal);
        _refTargets = new RefTargets(nodes);
        _sourceResolver = sources;
        _sources = sources.Nodes.ToDictionary(s => s.UniqueId, StringComparer.Ordinal);
        Nodes = [.. nodes.Select(Manifest), .. _sources.Values.Select(Manifest)];
        TransformNodes = [.. nodes.Select(Buildable)];
    }

    public DbtProject Project { get; }

    /// <summary>Every enabled model, seed and data test, then every source table, as selection sees them.</summary>
    public IReadOnlyList<ManifestNode> Nodes { get; }

    /// <summary>The enabled models, seeds and data tests as the runner builds them, in the project's file order (tests last).</summary>
    public IReadOnlyList<TransformNode> TransformNodes { get; }

    public IReadOnlyDictionary<string, SourceNode> Sources => _sources;

    /// <summary>
    /// The model's SQL as it would run: rendered with <c>execute</c> true and <c>is_incremental()</c> as given, its
    /// ephemeral refs inlined. Throws <see cref="TemplateException"/> (file, line, column) when the render fails.
    /// </summary>
    public string Compile(string uniqueId, bool isIncremental = false)
    {
        var node = _byId.TryGetValue(uniqueId, out var found) && found.Kind is NodeKind.Model or NodeKind.Test
            ? found
            : throw new ArgumentException($"'{uniqueId}' is not a model or test of the project.", nameof(uniqueId));
        var ctes = new List<(string Name, string Sql)>();
        var sql = node.Generic is { } generic
            ? RenderGenericTest(node, generic, ctes)
            : Render(node, isIncremental, ctes, new HashSet<string>(StringComparer.Ordinal));
        return CteInjector.Inject(node.Kind == NodeKind.Test ? sql.Trim().TrimEnd(';').TrimEnd() : sql, ctes);
    }

    /// <summary>
    /// A generic test's query: its macro called with its rendered arguments and <c>model</c> as dbt gives it,
    /// <c>get_where_subquery(ref('orders'))</c> (the relation, or a subquery of it filtered by the test's <c>where</c>).
    /// </summary>
    private string RenderGenericTest(ParsedNode node, GenericTest generic, List<(string Name, string Sql)> ctes)
    {
        var context = NodeContext(false, ctes, new HashSet<string>(StringComparer.Ordinal), landedSources: false);
        context.Set("config", new NodeConfigObject(node.Config, captured: null));
        var arguments = TestArguments.Render(generic.Arguments, context, node.File.Path);
        var keywords = arguments.ToDictionary(p => TemplateValues.ToText(p.Key), p => p.Value, StringComparer.Ordinal);
        keywords["model"] = TestArguments.Evaluate($"get_where_subquery({generic.ModelExpression})", context, node.File.Path);
        try
        {
            return TemplateValues.ToText(generic.Macro.Call(context, keyword: keywords));
        }
        catch (TemplateException e)
        {
            throw new TemplateException($"{node.Test?.Location}: test {node.Name}: {e.Message}");
        }
    }

    /// <summary>
    /// True when greenhouse.yml sets no <c>transform:</c>: an empty project, whose <c>source()</c> still names the landed
    /// streams and whose <c>ref()</c> says there are no models (what checks render with then).
    /// </summary>
    internal bool Standalone { get; init; }

    /// <summary>
    /// Renders a SQL text that is no node of the project (a check's <c>sql:</c>) with the project's context, as a model
    /// is rendered: <c>execute</c> true, <c>ref()</c> to its models and seeds (ephemerals inlined as CTEs),
    /// <c>source()</c> to its declared sources or any landed stream, <c>var()</c>, <c>env_var()</c>, the project's macros
    /// and the <c>dbt.*</c> cross-database ones. Errors are <see cref="TemplateException"/>s naming
    /// <paramref name="file"/> and the line, counted from <paramref name="firstLine"/> (where the text starts in that file).
    /// </summary>
    public string RenderSql(string sql, string file, int firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(file);
        var template = Template.Parse(new string('\n', Math.Max(0, firstLine - 1)) + sql, file);
        var ctes = new List<(string Name, string Sql)>();
        var context = NodeContext(false, ctes, new HashSet<string>(StringComparer.Ordinal), landedSources: true);
        context.Set("config", new NodeConfigObject(new Dictionary<string, object?>(StringComparer.Ordinal), captured: null));
        return CteInjector.Inject(template.Render(context).Trim(), ctes);
    }

    private string Render(ParsedNode node, bool isIncremental, List<(string Name, string Sql)> ctes, HashSet<string> inlined)
    {
        var context = NodeContext(isIncremental, ctes, inlined, landedSources: false);
        context.Set("config", new NodeConfigObject(node.Config, captured: null));
        context.Set("model", new NodeObject(node, () => node.Config));
        context.Set("this", new TemplateRelation(_warehouse.Dialect, node.Names.Schema, node.Names.Alias, RelationKindOf(node)));
        return node.Template!.Render(context);
    }

    /// <summary>
    /// The names every render of SQL sees: <c>execute</c>, <c>is_incremental()</c>, <c>ref()</c> and <c>source()</c>;
    /// with <paramref name="landedSources"/>, <c>source()</c> also names landed streams no model read.
    /// </summary>
    private TemplateContext NodeContext(bool isIncremental, List<(string Name, string Sql)> ctes, HashSet<string> inlined, bool landedSources)
    {
        var dialect = _warehouse.Dialect;
        var context = _adapter.AddTo(new TemplateContext(_globals));
        context.Set("execute", true);
        context.Set("is_incremental", new TemplateFunction(_ => isIncremental));
        context.Set("ref", new TemplateFunction(a =>
        {
            var (_, name, version) = ProjectCompiler.RefArguments(a);
            if (_refTargets.Find(name, version, out var problem) is not { } target)
            {
                throw new TemplateException(Standalone
                    ? $"ref('{name}'): greenhouse.yml sets no transform: project, so there is no model to ref; read a landed stream with source('stripe', 'customers'), or add transform: ./transform"
                    : problem ?? $"ref('{name}') names no enabled model or seed in the project.{_refTargets.Hint(name)}");
            }

            if (target.Materialization != Materialization.Ephemeral)
            {
                return new TemplateRelation(dialect, target.Names.Schema, target.Names.Alias, RelationKindOf(target));
            }

            if (inlined.Add(target.VersionedName))
            {
                var inner = Render(target, false, ctes, inlined);
                ctes.Add((target.VersionedName, inner));
            }

            return new EphemeralRelation(target.VersionedName);
        }));
        context.Set("source", new TemplateFunction(a =>
        {
            var (source, table) = ProjectCompiler.SourceArguments(a);
            var found = landedSources ? _sourceResolver.FindOrLanded(source, table) : _sourceResolver.Find(source, table);
            return found?.Relation ?? throw new TemplateException(landedSources
                ? $"source('{source}', '{table}') names no declared source table nor landed stream. {_sourceResolver.Known(source, table)}"
                : $"source('{source}', '{table}') names no declared source table nor landed stream");
        }));
        return context;
    }

    private static RelationKind? RelationKindOf(ParsedNode node) => node.Materialization switch
    {
        Materialization.View => RelationKind.View,
        Materialization.Ephemeral => null,
        _ => RelationKind.Table,
    };

    private ManifestNode Manifest(ParsedNode node) => new()
    {
        UniqueId = node.UniqueId,
        Name = node.Name,
        Version = node.Version,
        LatestVersion = node.LatestVersion,
        Type = node.Kind switch { NodeKind.Seed => ManifestNodeType.Seed, NodeKind.Test => ManifestNodeType.Test, _ => ManifestNodeType.Model },
        TestName = node.Test?.TestName,
        ColumnName = node.Test?.ColumnName,
        Package = node.Package,
        Path = node.File.Path,
        Fqn = node.Fqn,
        Tags = NodeConfig.Texts(node.Config.GetValueOrDefault("tags")),
        Config = node.Config,
        DependsOn = [.. node.DependsOn, .. node.Sources],
        PatchPath = node.Properties?.File,
    };

    private ManifestNode Manifest(SourceNode source) => new()
    {
        UniqueId = source.UniqueId,
        Name = source.TableName,
        Type = ManifestNodeType.Source,
        Package = Project.Name,
        Path = source.Declared?.File ?? "greenhouse.yml",
        Fqn = [Project.Name, source.SourceName, source.TableName],
        SourceName = source.SourceName,
        Tags = [.. (source.Declared?.Tags ?? []).Concat(source.Table?.Tags ?? []).Distinct(StringComparer.Ordinal)],
    };

    private TransformNode Buildable(ParsedNode node) => new()
    {
        UniqueId = node.UniqueId,
        Name = node.Name,
        Kind = node.Kind,
        Schema = node.Names.Schema,
        Alias = node.Names.Alias,
        Materialization = node.Materialization,
        DependsOn = [.. node.DependsOn, .. node.Sources],
        Compile = node.Kind is NodeKind.Model or NodeKind.Test
            ? (context, cancellationToken) => Task.Run(() => Compile(node.UniqueId, context.IsIncremental), cancellationToken)
            : null,
        Test = node.Test,
        UniqueKey = node.UniqueKey,
        Indexes = node.Indexes,
        IncrementalStrategy = node.IncrementalStrategy,
        OnSchemaChange = node.OnSchemaChange,
        Seed = node.Kind == NodeKind.Seed ? SeedFileOf(node) : null,
    };

    private static SeedFile SeedFileOf(ParsedNode node)
    {
        var columnTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node.Config.GetValueOrDefault("column_types") is TemplateDictionary types)
        {
            foreach (var pair in types)
            {
                columnTypes[TemplateValues.ToText(pair.Key)] = TemplateValues.ToText(pair.Value);
            }
        }

        var delimiter = node.Config.GetValueOrDefault("delimiter") is string { Length: 1 } d ? d[0] : ',';
        return new SeedFile(node.File.FullPath) { Delimiter = delimiter, ColumnTypes = columnTypes };
    }

    /// <summary>What <c>ref()</c> of an ephemeral model renders: the name of the CTE it is inlined as.</summary>
    private sealed class EphemeralRelation(string name) : ITemplateObject
    {
        public bool TryGetAttribute(string attribute, out object? value)
        {
            value = attribute is "identifier" or "name" ? CteInjector.Prefix + name : null;
            return value is not null;
        }

        public override string ToString() => CteInjector.Prefix + name;
    }
}
