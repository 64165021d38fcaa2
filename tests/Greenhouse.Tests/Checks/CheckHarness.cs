using System.Text.Json;
using Greenhouse.Checks;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Hooks;
using Greenhouse.Sources;
using Greenhouse.Tests.Transform.Project;
using Greenhouse.Transform.Compiling;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Checks;

/// <summary>
/// A folder with greenhouse.yml's place and a <c>checks/</c> folder, over a fresh warehouse with landed streams the test
/// fills (<see cref="ProjectHarness"/>), the sandbox's webhook sink as the channels, and a manual clock.
/// </summary>
internal sealed class CheckHarness : IAsyncDisposable
{
    private readonly List<NotificationService> _services = [];

    private CheckHarness(SandboxServer sandbox, ProjectHarness project)
    {
        Sandbox = sandbox;
        Project = project;
    }

    public SandboxServer Sandbox { get; }

    public ProjectHarness Project { get; }

    public IWarehouse Warehouse => Project.Transform.Warehouse;

    public string Kind => Project.Kind;

    public ManualClock Clock { get; } = new();

    public ListLogger<NotificationService> Log { get; } = new();

    public static async Task<CheckHarness> StartAsync(string kind)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: SandboxSize.Small, EnforceRateLimits: false));
        return new CheckHarness(sandbox, await ProjectHarness.CreateAsync(kind));
    }

    /// <summary>A webhook channel <paramref name="name"/> that receives <paramref name="levels"/>, posting to <c>/greenhouse/NAME</c> of the sink.</summary>
    public NotificationChannelConfig Channel(string name, params NotificationLevel[] levels) =>
        new(name, "webhook", levels.ToHashSet(), new Credential($"{Sandbox.VendorUrls["hooks"]}/greenhouse/{name}", $"notifications.{name}.url", null), null, null, null);

    public GreenhouseConfig Config(params NotificationChannelConfig[] channels) =>
        new(Path.Combine(Project.Root, "greenhouse.yml"), WarehouseSetting.Parse("sqlite:/tmp/unused.db"), Project.Transform.Test.RawSchema, WhenRunning.Fail, [])
        {
            Connectors = BuiltInConnectors.Create(),
            Notifications = [.. channels],
        };

    public CheckService Service(params NotificationChannelConfig[] channels)
    {
        var config = Config(channels);
        var notifications = new NotificationService(config, Warehouse, Clock, Log, new NotificationOptions { MaxAttempts = 1 });
        _services.Add(notifications);
        return new CheckService(config, Warehouse, notifications, Clock);
    }

    /// <summary>The project checks render with when greenhouse.yml sets no transform: the landed streams only.</summary>
    public CompiledProject Standalone() => ProjectCompiler.Standalone(Project.Root, Warehouse, Project.Settings());

    public CheckHarness WriteChecks(string file, string yaml)
    {
        Project.Write(Path.Combine("checks", file), yaml);
        return this;
    }

    public Task<IReadOnlyList<CheckResult>> RunAsync(CheckService service, params string[] names) =>
        service.RunAsync(service.History.Select(names), project: Standalone());

    /// <summary>Lands <c>linear.issues</c> with an identifier, title, assignee and whether it is done, one row per identifier.</summary>
    public Task LandIssuesAsync(params string[] identifiers) =>
        Project.LandAsync("linear", "issues", ["identifier", "title", "assignee", "done"], [.. identifiers.Select(i => new string?[] { i, i, $"Fix {i}", "ada", null })]);

    public string IssuesTable => Warehouse.TableSql(new StreamDescriptor("linear", "issues", "id", []));

    public Task CloseAsync(string identifier) => Warehouse.ExecuteAsync($"UPDATE {IssuesTable} SET done = 'yes' WHERE identifier = '{identifier}'");

    public Task ReopenAsync(string identifier) => Warehouse.ExecuteAsync($"UPDATE {IssuesTable} SET done = NULL WHERE identifier = '{identifier}'");

    /// <summary>How SQL names a metadata table: <c>_gh_check_rows</c> on SQLite, <c>"raw_xxxxxxxx"._gh_check_rows</c> on PostgreSQL.</summary>
    public string Metadata(string table) => Kind == "sqlite" ? table : $"\"{Project.Transform.Test.RawSchema}\".{table}";

    /// <summary>The messages the channel received, as (kind, level, title, text).</summary>
    public IReadOnlyList<(string Kind, string Level, string Title, string Text)> Messages(string channel) =>
        [.. Sandbox.Hooks.Deliveries.Where(d => d.Path == $"/greenhouse/{channel}").Select(Parse)];

    private static (string, string, string, string) Parse(HookDelivery delivery)
    {
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        return (body.GetProperty("kind").GetString()!, body.GetProperty("level").GetString()!, body.GetProperty("title").GetString()!, body.GetProperty("text").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        _services.ForEach(s => s.Dispose());
        await Project.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
