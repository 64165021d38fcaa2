using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform;

/// <summary>
/// What the <c>greenhouse transform</c> commands and <c>serve</c> do with the configured dbt project: load and parse it
/// for the warehouse and target, build the selected nodes, and write compiled SQL under <c>target/compiled/</c>.
/// </summary>
public sealed class TransformService(GreenhouseConfig config, IWarehouse warehouse, TimeProvider clock)
{
    /// <summary>The configured project (<c>transform:</c>); a clear error when greenhouse.yml has none.</summary>
    public TransformConfig Settings => config.Transform
        ?? throw new ConfigException($"{Path.GetFileName(config.Path)}: transform: not set, so there is no dbt project to build. Run `greenhouse transform init` to write one and add `transform: ./transform`.");

    /// <summary>
    /// Loads and parses the project: configs, refs and sources resolved, problems reported at once (<see cref="ProjectException"/>).
    /// <paramref name="command"/> and <paramref name="fullRefresh"/> are what templates read as <c>flags.WHICH</c> and <c>flags.FULL_REFRESH</c>.
    /// </summary>
    public CompiledProject Parse(
        string? target = null, TemplateDictionary? vars = null, int? threads = null, Action<string>? log = null, string command = "build", bool fullRefresh = false)
    {
        var project = ProjectLoader.Load(Settings.ProjectPath);
        return ProjectCompiler.Parse(project, warehouse, new CompileSettings
        {
            TargetName = Settings.TargetName(target, Environment.GetEnvironmentVariable),
            TargetSchema = Settings.Schema,
            RawSchema = config.Schema,
            Streams = [.. SyncPlan.For(config).Streams],
            Vars = vars ?? new TemplateDictionary(),
            RunStartedAt = clock.GetUtcNow(),
            Threads = threads ?? (warehouse.Dialect.ParallelWrites ? TransformRunner.DefaultThreads : 1),
            Log = log ?? (_ => { }),
            Command = command,
            FullRefresh = fullRefresh,
        });
    }

    /// <summary>Builds the models, seeds and data tests among <paramref name="selected"/> (all when null), in DAG order, holding the warehouse's run lock.</summary>
    public Task<TransformRunResult> RunAsync(CompiledProject project, IReadOnlyCollection<string>? selected, TransformRunOptions options,
        ITransformObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var ids = selected is null ? null : new HashSet<string>(selected, StringComparer.Ordinal);
        var files = project.Nodes.Where(n => n.Type is ManifestNodeType.Model or ManifestNodeType.Test).ToDictionary(n => n.UniqueId, n => CompiledFile(project, n), StringComparer.Ordinal);
        var nodes = project.TransformNodes.Where(n => ids is null || ids.Contains(n.UniqueId))
            .Select(n => n.Compile is not { } compile ? n : n with
            {
                Compile = async (context, token) =>
                {
                    var sql = await compile(context, token);
                    await WriteAsync(files[n.UniqueId], sql, token);
                    return sql;
                },
            })
            .ToList();
        return new TransformRunner(warehouse, clock).RunAsync(nodes, options with { WhenRunning = config.WhenRunning }, observer, cancellationToken);
    }

    /// <summary>Each stream with a freshness limit against its last successful sync (<c>transform source freshness</c>); see <see cref="Status.FreshnessRules"/>.</summary>
    public Task<(IReadOnlyList<Status.StreamFreshness> Streams, string? Problem)> FreshnessAsync(CancellationToken cancellationToken = default) =>
        new Status.StatusService(config, warehouse, clock).GetFreshnessAsync(cancellationToken);

    /// <summary>
    /// The models and seeds downstream of the landed streams <paramref name="streams"/> (<c>stripe.customers</c>):
    /// what a sync that changed those streams makes out of date. Empty when no model reads them.
    /// </summary>
    public static IReadOnlyList<string> DownstreamOf(CompiledProject project, IEnumerable<string> streams)
    {
        ArgumentNullException.ThrowIfNull(project);
        var changed = streams.ToHashSet(StringComparer.Ordinal);
        var reached = project.Sources.Values.Where(s => s.Stream is { } stream && changed.Contains(stream.FullName)).Select(s => s.UniqueId)
            .ToHashSet(StringComparer.Ordinal);
        var children = project.Nodes.SelectMany(n => n.DependsOn.Select(parent => (parent, child: n.UniqueId)))
            .ToLookup(p => p.parent, p => p.child, StringComparer.Ordinal);
        var pending = new Queue<string>(reached);
        while (pending.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (reached.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return [.. project.TransformNodes.Select(n => n.UniqueId).Where(reached.Contains)];
    }

    /// <summary>The streams a sync changed: a row new, updated or deleted.</summary>
    public static IReadOnlyList<string> ChangedStreams(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [.. summary.Streams.Where(s => s.Counts.New + s.Counts.Updated + s.Counts.Deleted > 0).Select(s => s.Stream)];
    }

    /// <summary>
    /// Compiles each selected model and writes its SQL to <c>target/compiled/&lt;project&gt;/&lt;path&gt;</c> as dbt does,
    /// so a user can read what runs. Returns each model's id and the file written. A model that fails to compile
    /// stops it with the error (file, line, column).
    /// </summary>
    public static async Task<IReadOnlyList<(string UniqueId, string File)>> WriteCompiledAsync(CompiledProject project, IEnumerable<string> selected,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var ids = selected.ToHashSet(StringComparer.Ordinal);
        var written = new List<(string, string)>();
        foreach (var node in project.Nodes.Where(n => n.Type == ManifestNodeType.Model && ids.Contains(n.UniqueId)))
        {
            var file = CompiledFile(project, node);
            await WriteAsync(file, project.Compile(node.UniqueId), cancellationToken);
            written.Add((node.UniqueId, file));
        }

        return written;
    }

    /// <summary>
    /// Where a model's or test's compiled SQL is written: <c>&lt;project&gt;/target/compiled/&lt;name&gt;/models/….sql</c>
    /// (a generic test's under its properties file: <c>models/_marts.yml/not_null_fct_mrr_month.sql</c>), as dbt
    /// writes it; null when <paramref name="uniqueId"/> is neither (a seed has no SQL).
    /// </summary>
    public static string? CompiledPath(CompiledProject project, string uniqueId)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Nodes.FirstOrDefault(n => n.UniqueId == uniqueId && n.Type is ManifestNodeType.Model or ManifestNodeType.Test) is { } node
            ? CompiledFile(project, node)
            : null;
    }

    private static string CompiledFile(CompiledProject project, ManifestNode node) =>
        Path.Combine(project.Project.Root, project.Project.TargetPath, "compiled", project.Project.Name,
            node.Type == ManifestNodeType.Test && (node.Path.EndsWith(".yml", StringComparison.Ordinal) || node.Path.EndsWith(".yaml", StringComparison.Ordinal))
                ? Path.Combine(node.Path, node.Name + ".sql")
                : node.Path);

    private static async Task WriteAsync(string file, string sql, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, sql, cancellationToken);
    }
}
