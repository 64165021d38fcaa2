using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.Sentry;

/// <summary>
/// The fake organization <c>acme</c>: two projects, a release every nine days, and issues first seen after a release
/// (a release brings its bugs), all a pure function of the seed and the clock's second at startup.
/// Thread-safe; the mutation methods let tests change what Sentry reports.
/// </summary>
public sealed class SentryFakeData
{
    public const string Organization = "acme";

    private static readonly (string Slug, string Name, string Platform)[] ProjectSpecs =
    [
        ("backend", "Backend", "python"),
        ("web", "Web", "javascript-react"),
    ];

    private static readonly string[] Errors =
    [
        "KeyError: 'customer_id'", "TypeError: Cannot read properties of undefined (reading 'map')", "ZeroDivisionError: division by zero",
        "TimeoutError: upstream took longer than 30s", "IntegrityError: duplicate key value violates unique constraint", "ChunkLoadError: Loading chunk 7 failed",
        "ValueError: invalid literal for int() with base 10", "ReferenceError: stripe is not defined", "ConnectionResetError: [Errno 104] Connection reset by peer",
        "SyntaxError: Unexpected token '<' in JSON", "PermissionDenied: invoice belongs to another account", "RangeError: Maximum call stack size exceeded",
    ];

    private static readonly string[] Culprits =
    [
        "billing.views.checkout", "app/routes/dashboard", "reports.tasks.build_monthly", "api.webhooks.stripe", "app/components/InvoiceTable",
        "accounts.signup.create_user", "app/hooks/useSubscription", "sync.jobs.nightly",
    ];

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly List<JsonObject> _projects = [];
    private readonly List<JsonObject> _releases = [];
    private readonly List<JsonObject> _issues = [];
    private readonly Dictionary<string, int> _shortIds = new(StringComparer.Ordinal);
    private long _nextIssueId = 4_500_000_001;

    internal SentryFakeData(int seed, SandboxSize size, TimeProvider clock)
    {
        _clock = clock;
        var anchor = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var random = new SandboxRandom(seed, 0x5E27);
        for (var i = 0; i < ProjectSpecs.Length; i++)
        {
            var (slug, name, platform) = ProjectSpecs[i];
            _projects.Add(new JsonObject
            {
                ["id"] = (4_501_000 + i).ToString(CultureInfo.InvariantCulture),
                ["slug"] = slug,
                ["name"] = name,
                ["platform"] = platform,
                ["dateCreated"] = Iso(anchor.AddDays(-200 + i)),
                ["isBookmarked"] = false,
                ["isMember"] = true,
                ["hasAccess"] = true,
                ["features"] = new JsonArray("releases", "minidump"),
            });
            _shortIds[slug] = 0;
        }

        var releases = size switch { SandboxSize.Small => 10, SandboxSize.Medium => 40, _ => 80 };
        var issuesPerRelease = size switch { SandboxSize.Small => 16, SandboxSize.Medium => 60, _ => 150 };
        for (var r = 0; r < releases; r++)
        {
            // Releases span the retention period; the newest is a day old.
            var created = anchor.AddDays(-1 - (releases - 1 - r) * 80.0 / releases).AddMinutes(-random.Next(600));
            var version = $"acme@1.{r}.0";
            var release = new JsonObject
            {
                ["id"] = 7_000 + r,
                ["version"] = version,
                ["shortVersion"] = $"1.{r}.0",
                ["ref"] = random.Upper(12).ToLowerInvariant(),
                ["dateCreated"] = Iso(created),
                ["dateReleased"] = Iso(created.AddMinutes(20 + random.Next(60))),
                ["newGroups"] = 0,
                ["projects"] = new JsonArray([.. _projects.Select(p => (JsonNode)new JsonObject { ["slug"] = (string)p["slug"]!, ["name"] = (string)p["name"]! })]),
            };
            _releases.Add(release);
            var until = r + 1 < releases ? anchor.AddDays(-1 - (releases - 2 - r) * 80.0 / releases) : anchor;
            var count = issuesPerRelease / 2 + random.Next(issuesPerRelease);
            for (var k = 0; k < count; k++)
            {
                var span = (long)(until - created).TotalSeconds;
                var firstSeen = created.AddSeconds(random.Next(60, Math.Max(61, span)));
                var lastSeen = firstSeen.AddSeconds(random.Next(0, Math.Max(1, (long)(anchor - firstSeen).TotalSeconds)));
                var project = random.Pick(_projects);
                var status = random.Chance(0.55) ? "unresolved" : random.Chance(0.8) ? "resolved" : "ignored";
                AddIssue(project, random.Pick(Errors), random.Pick(Culprits), status, random.Chance(0.8) ? "error" : random.Chance(0.5) ? "warning" : "fatal",
                    1 + random.Next(5000), random.Next(300), firstSeen, lastSeen, release);
            }
        }
    }

    public int IssueCount
    {
        get
        {
            lock (_lock)
            {
                return _issues.Count;
            }
        }
    }

    public IReadOnlyList<string> IssueIds() => Ids(_issues);

    public IReadOnlyList<string> ProjectIds() => Ids(_projects);

    public IReadOnlyList<string> ReleaseIds() => Ids(_releases);

    /// <summary>A copy of the issue with id <paramref name="id"/>.</summary>
    public JsonObject Issue(string id)
    {
        lock (_lock)
        {
            return (JsonObject)Find(id).DeepClone();
        }
    }

    /// <summary>Marks an issue resolved. Like Sentry, this does not change <c>lastSeen</c> (no new event).</summary>
    public void Resolve(string id) => Update(id, issue => issue["status"] = "resolved");

    /// <summary>A new event on the issue: <c>lastSeen</c> becomes now, <c>count</c> grows by one.</summary>
    public void RecordEvent(string id) => Update(id, issue =>
    {
        issue["lastSeen"] = Iso(_clock.GetUtcNow());
        issue["count"] = (long.Parse((string)issue["count"]!, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
    });

    /// <summary>Changes an issue's JSON (tests: a count that is not a number, say).</summary>
    public void Update(string id, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            change(Find(id));
        }
    }

    /// <summary>A new issue in <paramref name="projectSlug"/>, first and last seen now, in the newest release; returns its id.</summary>
    public string CreateIssue(string projectSlug, string title)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var project = _projects.Single(p => (string)p["slug"]! == projectSlug);
            return AddIssue(project, title, "app/new", "unresolved", "error", 1, 1, now, now, _releases[^1]);
        }
    }

    internal List<JsonObject> Projects() => Snapshot(_projects);

    internal List<JsonObject> Releases() => Snapshot(_releases);

    internal List<JsonObject> Issues() => Snapshot(_issues);

    internal static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private string AddIssue(JsonObject project, string title, string culprit, string status, string level, long count, int users,
        DateTimeOffset firstSeen, DateTimeOffset lastSeen, JsonObject release)
    {
        var slug = (string)project["slug"]!;
        var number = ++_shortIds[slug];
        var id = (_nextIssueId++).ToString(CultureInfo.InvariantCulture);
        var type = title.Split(':')[0];
        _issues.Add(new JsonObject
        {
            ["id"] = id,
            ["shortId"] = $"{slug.ToUpperInvariant()}-{Base36(number)}",
            ["title"] = title,
            ["culprit"] = culprit,
            ["permalink"] = $"https://{Organization}.sentry.io/issues/{id}/",
            ["level"] = level,
            ["status"] = status,
            ["statusDetails"] = new JsonObject(),
            ["isPublic"] = false,
            ["platform"] = (string)project["platform"]!,
            ["project"] = new JsonObject { ["id"] = (string)project["id"]!, ["name"] = (string)project["name"]!, ["slug"] = slug, ["platform"] = (string)project["platform"]! },
            ["type"] = "error",
            ["metadata"] = new JsonObject { ["type"] = type, ["value"] = title[(type.Length + (title.Length > type.Length ? 1 : 0))..].Trim() },
            ["numComments"] = 0,
            ["assignedTo"] = null,
            ["isBookmarked"] = false,
            ["hasSeen"] = false,
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["userCount"] = users,
            ["firstSeen"] = Iso(firstSeen),
            ["lastSeen"] = Iso(lastSeen),
            ["firstRelease"] = new JsonObject { ["version"] = (string)release["version"]! },
        });
        release["newGroups"] = (int)release["newGroups"]! + 1;
        return id;
    }

    private static string Base36(int value)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var text = "";
        do
        {
            text = digits[value % 36] + text;
            value /= 36;
        }
        while (value > 0);
        return text;
    }

    private JsonObject Find(string id) =>
        _issues.SingleOrDefault(i => (string)i["id"]! == id) ?? throw new KeyNotFoundException($"No Sentry issue {id} in the sandbox.");

    private List<string> Ids(List<JsonObject> items)
    {
        lock (_lock)
        {
            return [.. items.Select(i => i["id"]!.ToString())];
        }
    }

    private List<JsonObject> Snapshot(List<JsonObject> items)
    {
        lock (_lock)
        {
            return [.. items.Select(i => (JsonObject)i.DeepClone())];
        }
    }
}
