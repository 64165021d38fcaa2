using Greenhouse.Sources;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Project;

/// <summary>
/// A dbt project written into a folder of the test's own, over a fresh warehouse (<see cref="TransformHarness"/>)
/// with landed stream tables the test fills: load it, parse it, compile and run it as <c>greenhouse transform</c> does.
/// </summary>
public sealed class ProjectHarness : IAsyncDisposable
{
    private readonly List<StreamDescriptor> _streams = [];

    private ProjectHarness(TransformHarness transform)
    {
        Transform = transform;
        Root = Path.Combine(Path.GetTempPath(), "greenhouse-projects", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public TransformHarness Transform { get; }

    public string Root { get; }

    public string Kind => Transform.Kind;

    public static async Task<ProjectHarness> CreateAsync(string kind) => new(await TransformHarness.CreateAsync(kind));

    /// <summary>A project named <c>shop</c> on SQLite holding <paramref name="files"/> (paths under the project's folder).</summary>
    public static async Task<ProjectHarness> ShopAsync(params (string Path, string Text)[] files)
    {
        var harness = await CreateAsync("sqlite");
        harness.Write("dbt_project.yml", "name: shop\n");
        foreach (var (path, text) in files)
        {
            harness.Write(path, text);
        }

        return harness;
    }

    /// <summary>A folder with no database behind it, for tests of loading alone.</summary>
    public static string NewFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "greenhouse-projects", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }

    public ProjectHarness Write(string path, string text)
    {
        Write(Root, path, text);
        return this;
    }

    public static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>Lands a stream table (<c>source.stream</c>) with typed text columns and the given rows (each: the id, then the columns' values in order).</summary>
    public async Task LandAsync(string source, string stream, string[] columns, params string?[][] rows)
    {
        var descriptor = new StreamDescriptor(source, stream, "id", [.. columns.Select(c => new ColumnSpec(c, ColumnType.Text))]);
        _streams.Add(descriptor);
        var warehouse = Transform.Warehouse;
        await warehouse.EnsureStreamTableAsync(descriptor);
        var now = Kind == "sqlite" ? "'2026-01-01T00:00:00Z'" : "now()";
        foreach (var row in rows)
        {
            var values = string.Join(", ", row.Skip(1).Select(v => v is null ? "NULL" : "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));
            await warehouse.ExecuteAsync(
                $"INSERT INTO {warehouse.TableSql(descriptor)} (id, {string.Join(", ", columns.Select(c => '"' + c + '"'))}, _gh_raw, _gh_hash, _gh_first_seen, _gh_last_synced, _gh_as_of) "
                + $"VALUES ('{row[0]}', {values}, '{{}}', 'h', {now}, {now}, {now})");
        }
    }

    public CompileSettings Settings(string target = "dev", TemplateDictionary? vars = null, Func<string, string?>? environment = null) => new()
    {
        TargetName = target,
        TargetSchema = Transform.Schema,
        RawSchema = Transform.Test.RawSchema,
        Streams = _streams,
        Vars = vars ?? new TemplateDictionary(),
        Environment = environment ?? (_ => null),
        RunStartedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    public CompiledProject Parse(CompileSettings? settings = null) =>
        ProjectCompiler.Parse(ProjectLoader.Load(Root), Transform.Warehouse, settings ?? Settings());

    /// <summary>The message of the <see cref="ProjectException"/> parsing the project throws (the test fails if it parses).</summary>
    public string ParseError() => Assert.Throws<ProjectException>(() => Parse()).Message;

    public async Task<TransformRunResult> RunAsync(CompiledProject? project = null, bool fullRefresh = false)
    {
        project ??= Parse();
        return await new TransformRunner(Transform.Warehouse, TimeProvider.System)
            .RunAsync(project.TransformNodes, new TransformRunOptions(FullRefresh: fullRefresh, Trigger: "test"));
    }

    /// <summary>The model's relation as SQL names it.</summary>
    public string Ref(string name) => Transform.Ref(name);

    public Task<List<string>> RowsAsync(string sql) => Transform.RowsAsync(sql);

    public async ValueTask DisposeAsync()
    {
        await Transform.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (a failed test's) leaves the folder; it is under the temp directory.
        }
    }
}
