using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// Parses a loaded project as dbt does: every model is rendered once with <c>execute</c> false to learn its
/// <c>config()</c>, <c>ref()</c> and <c>source()</c> calls; configs are merged, relations named
/// (<c>generate_schema_name</c>, <c>generate_alias_name</c>), refs resolved and the graph checked. Every problem is
/// reported at once, one line each with its file. The result compiles each node's SQL on demand.
/// </summary>
public static class ProjectCompiler
{
    private static readonly string[] Materializations = ["view", "table", "incremental", "ephemeral"];

    public static CompiledProject Parse(DbtProject project, IWarehouse warehouse, CompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var globals = DbtGlobals.Create(project, warehouse.Dialect, settings, Guid.NewGuid().ToString());
        var sources = new SourceResolver(project, warehouse.Dialect, settings);
        var adapter = new TemplateAdapter(warehouse) { RootProject = project.Name };
        var nodes = new List<ParsedNode>();

        foreach (var file in project.Seeds)
        {
            var node = new ParsedNode
            {
                UniqueId = $"seed.{project.Name}.{file.Name}",
                Name = file.Name,
                Package = project.Name,
                Kind = NodeKind.Seed,
                File = file,
                Fqn = Fqn(project, file),
                Properties = project.SeedProperties.GetValueOrDefault(file.Name),
                Materialization = Materialization.Seed,
            };
            MergeProjectConfig(node, project.SeedConfigs, "seed");
            node.Config["materialized"] = "seed";
            nodes.Add(node);
        }

        // Models and singular tests: parsed, then rendered once with execute false to learn config(), ref() and source().
        foreach (var file in project.Models.Concat(project.SingularTests))
        {
            var text = File.ReadAllText(file.FullPath);
            ParsedNode node;
            try
            {
                var template = Template.Parse(text, file.Path);
                node = project.SingularTests.Contains(file) ? TestParser.Singular(project, file, template, text) : Model(project, file, template, text);
                if (node.Kind == NodeKind.Test)
                {
                    TestParser.MergeProjectConfig(project, node);
                    NodeConfig.Merge(node.Config, node.Properties?.Config ?? new Dictionary<string, object?>());
                }
                else
                {
                    MergeProjectConfig(node, project.ModelConfigs, "view");
                }

                var captured = new Dictionary<string, object?>(StringComparer.Ordinal);
                template.Render(ParseContext(adapter.AddTo(new TemplateContext(globals) { LenientUndefined = true }), node, captured, sources, warehouse.Dialect, settings));
                NodeConfig.Merge(node.Config, captured);
            }
            catch (TemplateException e)
            {
                problems.Add(e.Message);
                continue;
            }

            nodes.Add(node);
        }

        var enabled = nodes.Where(IsEnabled).ToList();
        var disabled = nodes.Except(enabled).Where(n => n.Kind != NodeKind.Test).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var targets = new RefTargets(enabled);
        foreach (var test in TestParser.Generic(project, [.. enabled.Where(n => n.Kind != NodeKind.Test)], sources, problems).Where(IsEnabled))
        {
            try
            {
                // Arguments that call ref() or source() (relationships' to:) are what the test reads too.
                TestArguments.Render(test.Generic!.Arguments,
                    ParseContext(adapter.AddTo(new TemplateContext(globals) { LenientUndefined = true }), test, [], sources, warehouse.Dialect, settings), test.File.Path);
            }
            catch (TemplateException e)
            {
                problems.Add($"{test.Test!.Location}: test {test.Name}: {e.Message}");
                continue;
            }

            enabled.Add(test);
        }

        foreach (var node in enabled)
        {
            if (node.Kind == NodeKind.Model)
            {
                node.Materialization = ReadMaterialization(node, problems);
                ReadIncremental(node, problems);
                ReadIndexes(node, problems);
            }
            else if (node.Kind == NodeKind.Test)
            {
                node.Materialization = Materialization.Test;
                var attached = node.Generic is null ? null : node.DependsOn.FirstOrDefault() ?? node.Sources.FirstOrDefault();
                node.Test = TestParser.Settings(node, attached, problems);
            }

            foreach (var (package, name, version) in node.Refs)
            {
                if (package is not null && package != project.Name && package != node.Package)
                {
                    problems.Add($"{node.File.Path}: ref('{package}', '{name}') names the package '{package}', but the project is '{project.Name}' and Greenhouse installs no packages.");
                }
                else if (targets.Find(name, version, out var problem) is { } target)
                {
                    if (!node.DependsOn.Contains(target.UniqueId))
                    {
                        node.DependsOn.Add(target.UniqueId);
                    }
                }
                else if (problem is not null)
                {
                    problems.Add($"{node.File.Path}: {problem}");
                }
                else
                {
                    problems.Add(disabled.Contains(name)
                        ? $"{node.File.Path}: ref('{name}') names a model that is disabled (enabled: false); enable it or remove the ref."
                        : $"{node.File.Path}: ref('{name}') names no model or seed in the project.{targets.Hint(name)}");
                }
            }
        }

        problems.AddRange(sources.Problems);
        foreach (var node in enabled)
        {
            NameRelation(node, globals, warehouse, settings, problems);
        }

        var cycle = TransformPlan.FindCycle(enabled.ToDictionary(n => n.UniqueId, n => (IReadOnlyList<string>)n.DependsOn, StringComparer.Ordinal));
        if (cycle is not null)
        {
            problems.Add($"the models ref each other in a cycle: {string.Join(" -> ", cycle)}.");
        }

        if (problems.Count > 0)
        {
            throw new ProjectException($"The project in {project.Root} does not compile:\n" + string.Join("\n", problems.Distinct().Select(p => "  " + p)));
        }

        return new CompiledProject(project, warehouse, globals, adapter, enabled, sources);
    }

    /// <summary>
    /// An empty project for SQL outside any dbt project (checks when greenhouse.yml sets no <c>transform:</c>):
    /// <see cref="CompiledProject.RenderSql"/> then resolves <c>source()</c> to the landed streams, has the <c>dbt.*</c>
    /// macros, and answers <c>ref()</c> with an error saying there is no project.
    /// </summary>
    public static CompiledProject Standalone(string root, IWarehouse warehouse, CompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(settings);
        var project = new DbtProject { Root = root, Name = "greenhouse" };
        var globals = DbtGlobals.Create(project, warehouse.Dialect, settings, Guid.NewGuid().ToString());
        var adapter = new TemplateAdapter(warehouse) { RootProject = project.Name };
        return new CompiledProject(project, warehouse, globals, adapter, [], new SourceResolver(project, warehouse.Dialect, settings)) { Standalone = true };
    }

    private static bool IsEnabled(ParsedNode node) => TemplateValues.IsTrue(node.Config.GetValueOrDefault("enabled", true));

    private static IReadOnlyList<string> Fqn(DbtProject project, ProjectFile file) => [project.Name, .. file.Folders, file.Name];

    /// <summary>
    /// A model's node before its parse render. A file that defines a version of a versioned model is that version:
    /// <c>model.shop.dim_customers.v2</c>, named <c>dim_customers</c>, fqn ending <c>[dim_customers, v2]</c>, with the
    /// version's properties (the model's, with the version's columns, tests and <c>config:</c> applied).
    /// </summary>
    private static ParsedNode Model(DbtProject project, ProjectFile file, Template template, string text)
    {
        var version = project.ModelVersionsByFile.GetValueOrDefault(file.Path);
        var name = version?.Properties.Name ?? file.Name;
        return new ParsedNode
        {
            UniqueId = version is null ? $"model.{project.Name}.{name}" : $"model.{project.Name}.{name}.v{version.Version}",
            Name = name,
            Version = version?.Version,
            LatestVersion = version is null ? null : project.ModelProperties[name].LatestVersion,
            Package = project.Name,
            Kind = NodeKind.Model,
            File = file,
            Fqn = version is null ? Fqn(project, file) : [project.Name, .. file.Folders, name, $"v{version.Version}"],
            Template = template,
            RawCode = text,
            Properties = version?.Properties ?? project.ModelProperties.GetValueOrDefault(file.Name),
        };
    }

    /// <summary>A node's config before its file speaks: the defaults, dbt_project.yml's levels for its fqn, then its properties file's <c>config:</c>.</summary>
    private static void MergeProjectConfig(ParsedNode node, ConfigTree tree, string materialized)
    {
        NodeConfig.Merge(node.Config, new Dictionary<string, object?> { ["materialized"] = materialized, ["enabled"] = true });
        foreach (var level in tree.For(node.Fqn))
        {
            NodeConfig.Merge(node.Config, level);
        }

        if (node.Properties is { } properties)
        {
            NodeConfig.Merge(node.Config, properties.Config);
        }
    }

    /// <summary>The context of the parse render: <c>config()</c> records, <c>ref()</c> and <c>source()</c> note what they name, <c>execute</c> is false.</summary>
    internal static TemplateContext ParseContext(TemplateContext context, ParsedNode node, Dictionary<string, object?> captured, SourceResolver sources,
        WarehouseDialect dialect, CompileSettings settings)
    {
        context.Set("execute", false);
        context.Set("config", new NodeConfigObject(node.Config, captured));
        context.Set("model", new NodeObject(node, () => node.Config));
        context.Set("this", new TemplateRelation(dialect, settings.TargetSchema, node.Name, null));
        context.Set("is_incremental", new TemplateFunction(_ => false));
        context.Set("ref", new TemplateFunction(a =>
        {
            var (package, name, version) = RefArguments(a);
            node.Refs.Add((package, name, version));
            return new TemplateRelation(dialect, settings.TargetSchema, name, null);
        }));
        context.Set("source", new TemplateFunction(a =>
        {
            var (sourceName, table) = SourceArguments(a);
            var resolved = sources.Resolve(sourceName, table, node.File.Path);
            if (resolved is not null && !node.Sources.Contains(resolved.UniqueId))
            {
                node.Sources.Add(resolved.UniqueId);
            }

            return resolved?.Relation ?? new TemplateRelation(dialect, settings.RawSchema, table, null);
        }));
        return context;
    }

    /// <summary>
    /// <c>ref()</c>'s arguments as dbt reads them: a name, or a package and a name, and a model version as
    /// <c>v=</c> or <c>version=</c> (a number or text: <c>2</c> and <c>'2'</c> are the same version); null for none.
    /// </summary>
    internal static (string? Package, string Name, string? Version) RefArguments(TemplateArguments arguments)
    {
        var keyword = arguments.Keyword;
        if (keyword.ContainsKey("version") && keyword.ContainsKey("v"))
        {
            throw new TemplateException("ref() takes a model version as v= or version=, not both");
        }

        var given = keyword.TryGetValue("version", out var v) || keyword.TryGetValue("v", out v) ? v : null;
        var version = given is null ? null : TemplateValues.ToText(given);
        var positional = arguments.Positional;
        return positional.Count switch
        {
            1 => (null, TemplateValues.ToText(positional[0]), version),
            2 => (TemplateValues.ToText(positional[0]), TemplateValues.ToText(positional[1]), version),
            _ => throw new TemplateException("ref() takes a model's name, or a package and a model's name (ref('orders'), ref('shop', 'orders')), and optionally its version (ref('orders', v=2))"),
        };
    }

    internal static (string Source, string Table) SourceArguments(TemplateArguments arguments) =>
        arguments.Positional.Count == 2
            ? (TemplateValues.ToText(arguments.Positional[0]), TemplateValues.ToText(arguments.Positional[1]))
            : arguments.Has(0, "source_name") && arguments.Has(1, "table_name")
                ? (TemplateValues.ToText(arguments.Get(0, "source_name")), TemplateValues.ToText(arguments.Get(1, "table_name")))
                : throw new TemplateException("source() takes a source's name and a table's name (source('stripe', 'customers'))");

    private static Materialization ReadMaterialization(ParsedNode node, List<string> problems)
    {
        var text = TemplateValues.ToText(node.Config.GetValueOrDefault("materialized", "view"));
        switch (text)
        {
            case "view": return Materialization.View;
            case "table": return Materialization.Table;
            case "incremental": return Materialization.Incremental;
            case "ephemeral": return Materialization.Ephemeral;
            default:
                problems.Add($"{node.File.Path}: materialized '{text}' is not one Greenhouse builds ({string.Join(", ", Materializations)}).{DidYouMean.Hint(text, Materializations)}");
                return Materialization.View;
        }
    }

    private static readonly string[] Strategies = ["append", "delete+insert", "merge"];

    private static readonly string[] SchemaChanges = ["ignore", "append_new_columns", "fail"];

    private static void ReadIncremental(ParsedNode node, List<string> problems)
    {
        node.UniqueKey = NodeConfig.Texts(node.Config.GetValueOrDefault("unique_key"));
        if (node.Config.GetValueOrDefault("incremental_strategy") is { } strategy)
        {
            var text = TemplateValues.ToText(strategy);
            node.IncrementalStrategy = text switch
            {
                "append" => IncrementalStrategy.Append,
                "delete+insert" => IncrementalStrategy.DeleteInsert,
                "merge" => IncrementalStrategy.Merge,
                _ => null,
            };
            if (node.IncrementalStrategy is null)
            {
                problems.Add($"{node.File.Path}: incremental_strategy '{text}' is not one Greenhouse runs ({string.Join(", ", Strategies)}).{DidYouMean.Hint(text, Strategies)}");
            }
        }

        if (node.Config.GetValueOrDefault("on_schema_change") is { } change)
        {
            var text = TemplateValues.ToText(change);
            switch (text)
            {
                case "ignore": node.OnSchemaChange = OnSchemaChange.Ignore; break;
                case "append_new_columns": node.OnSchemaChange = OnSchemaChange.AppendNewColumns; break;
                case "fail": node.OnSchemaChange = OnSchemaChange.Fail; break;
                default:
                    problems.Add($"{node.File.Path}: on_schema_change '{text}' is not one Greenhouse supports ({string.Join(", ", SchemaChanges)}; sync_all_columns is not).{DidYouMean.Hint(text, SchemaChanges)}");
                    break;
            }
        }
    }

    /// <summary>dbt-postgres's <c>indexes</c>: a list of <c>{'columns': [...], 'unique': bool}</c> (its <c>type</c>, a PostgreSQL access method, is not portable and refused).</summary>
    private static void ReadIndexes(ParsedNode node, List<string> problems)
    {
        if (node.Config.GetValueOrDefault("indexes") is not { } value)
        {
            return;
        }

        var indexes = new List<TableIndex>();
        foreach (var item in NodeConfig.ToList(value))
        {
            if (item is not TemplateDictionary entry || !entry.TryGetValue("columns", out var columns) || NodeConfig.Texts(columns) is not { Count: > 0 } names
                || entry.Any(p => p.Key is not ("columns" or "unique")))
            {
                problems.Add($"{node.File.Path}: each of indexes is a dict of columns (a list of column names) and unique (true or false); "
                    + $"got {TemplateValues.ToText(item)}.");
                continue;
            }

            var unique = entry.TryGetValue("unique", out var flag) && flag is true;
            indexes.Add(new TableIndex(names, unique));
        }

        node.Indexes = indexes;
    }

    /// <summary>The node's schema and alias, from the project's <c>generate_schema_name</c>/<c>generate_alias_name</c> or dbt's defaults, checked by the warehouse.</summary>
    private static void NameRelation(ParsedNode node, TemplateContext globals, IWarehouse warehouse, CompileSettings settings, List<string> problems)
    {
        var customSchema = node.Config.GetValueOrDefault("schema") is { } s ? TemplateValues.ToText(s).Trim() : null;
        var customAlias = node.Config.GetValueOrDefault("alias") is { } a ? TemplateValues.ToText(a).Trim() : null;
        string schema, alias;
        try
        {
            var nodeObject = new NodeObject(node, () => node.Config);
            var context = new TemplateContext(globals).Set("execute", true).Set("model", nodeObject);
            schema = globals.TryGet("generate_schema_name", out var schemaMacro) && schemaMacro is TemplateMacro sm
                ? TemplateValues.ToText(sm.Call(context, [customSchema, nodeObject])).Trim()
                : customSchema is null ? settings.TargetSchema : $"{settings.TargetSchema}_{customSchema}";
            alias = globals.TryGet("generate_alias_name", out var aliasMacro) && aliasMacro is TemplateMacro am
                ? TemplateValues.ToText(am.Call(context, [customAlias, nodeObject])).Trim()
                : customAlias ?? node.VersionedName;
        }
        catch (TemplateException e)
        {
            problems.Add($"{node.File.Path}: naming its relation failed: {e.Message}");
            return;
        }

        node.Names = (schema, alias);
        try
        {
            var relation = warehouse.ModelRelation(schema, alias);
            node.Relation = node.Materialization == Materialization.Ephemeral ? null : relation;
        }
        catch (WarehouseException e)
        {
            problems.Add($"{node.File.Path}: {e.Message}");
        }
    }

    /// <summary>Lists every enabled stream as <c>stripe.customers</c>, for messages.</summary>
    internal static string StreamList(IEnumerable<StreamDescriptor> streams) =>
        string.Join(", ", streams.Select(s => s.FullName).DefaultIfEmpty("none (greenhouse.yml enables no stream)"));
}
