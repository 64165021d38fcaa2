using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.GitHub;

/// <summary>
/// The fake's organization <c>acme</c>: repositories with issues and pull requests opened by the sandbox's people
/// (the same people as the Stripe customers; a login is the email's local part with '-' for '.'), comments and
/// releases, all a pure function of seed, size and the clock's second at start. Tests change it through the
/// mutation methods, which stamp <c>updated_at</c> with the clock's now. Thread-safe.
/// </summary>
public sealed class GitHubFakeData
{
    public const string Organization = "acme";

    private static readonly string[] RepositoryNames = ["app", "site", "docs"];
    private static readonly string[] Labels = ["bug", "enhancement", "question", "documentation", "billing"];
    private static readonly string[] Verbs = ["Fix", "Add", "Improve", "Remove", "Document", "Refactor"];
    private static readonly string[] Things = ["checkout flow", "invoice PDF", "login page", "webhook retries", "CSV export", "dark mode", "search", "onboarding email"];

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly SandboxPeople _people;
    private readonly Dictionary<string, JsonObject> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<JsonObject>> _issues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<JsonObject>> _comments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<JsonObject>> _releases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _formerNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _peopleCount;
    private long _nextId = 1_000_000;

    internal GitHubFakeData(int seed, SandboxSize size, TimeProvider clock)
    {
        _clock = clock;
        _people = new SandboxPeople(seed);
        _peopleCount = size switch { SandboxSize.Small => 100, SandboxSize.Medium => 10_000, _ => 50_000 };
        var issuesPerRepo = size switch { SandboxSize.Small => 40, SandboxSize.Medium => 400, _ => 2_000 };
        var random = new SandboxRandom(seed, 0x617);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (name, index) in RepositoryNames.Select((n, i) => (n, i)))
        {
            var fullName = $"{Organization}/{name}";
            var created = now - random.Next(400, 900) * 86400L;
            _repositories[fullName] = new JsonObject
            {
                ["id"] = 500_000L + index,
                ["node_id"] = "R_" + random.Upper(10),
                ["name"] = name,
                ["full_name"] = fullName,
                ["owner"] = new JsonObject { ["login"] = Organization, ["id"] = 9000, ["type"] = "Organization" },
                ["private"] = index == 0,
                ["archived"] = false,
                ["default_branch"] = "main",
                ["created_at"] = Iso(created),
                ["updated_at"] = Iso(now - random.Next(1, 30) * 3600L),
                ["pushed_at"] = Iso(now - random.Next(1, 30) * 3600L),
            };
            _issues[fullName] = [];
            _comments[fullName] = [];
            _releases[fullName] = [];
            for (var i = 0; i < issuesPerRepo; i++)
            {
                var opened = now - random.Next(3600, 365 * 86400L);
                var issue = NewIssue(fullName, random.Chance(0.3), $"{random.Pick(Verbs)} {random.Pick(Things)}", random.Next(_peopleCount), opened);
                var updated = random.Next(opened, now - 60);
                if (random.Chance(0.5))
                {
                    Close(issue, random.Chance(0.7), updated);
                }

                issue["updated_at"] = Iso(updated);
                for (var c = random.Next(3); c > 0; c--)
                {
                    var at = random.Next(opened, updated + 1);
                    _comments[fullName].Add(NewComment(fullName, issue, random.Next(_peopleCount), at));
                }
            }

            for (var r = 1; r <= 4; r++)
            {
                var at = created + r * 60 * 86400L;
                _releases[fullName].Add(new JsonObject
                {
                    ["id"] = _nextId++,
                    ["url"] = $"https://api.github.com/repos/{fullName}/releases/{_nextId}",
                    ["tag_name"] = $"v1.{r}.0",
                    ["name"] = $"Release 1.{r}",
                    ["draft"] = false,
                    ["prerelease"] = r == 4,
                    ["author"] = User(random.Next(_peopleCount)),
                    ["created_at"] = Iso(at),
                    ["published_at"] = Iso(at + 600),
                    ["body"] = "Changes and fixes.",
                });
            }
        }
    }

    public IReadOnlyList<string> Repositories
    {
        get
        {
            lock (_lock)
            {
                return [.. _repositories.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The GitHub login of sandbox person <paramref name="index"/>: their email's local part, '.' → '-'.</summary>
    internal string Login(int index) => _people[index].Email.Split('@')[0].Replace('.', '-');

    /// <summary>Ids of a repository's items of a stream: issues (with PRs), pull_requests, issue_comments, releases.</summary>
    public IReadOnlyList<string> Ids(string stream, string repository)
    {
        lock (_lock)
        {
            IEnumerable<JsonObject> items = stream switch
            {
                "issues" => _issues[repository],
                "pull_requests" => _issues[repository].Where(i => i["pull_request"] is not null).Select(i => (JsonObject)i["_pull"]!),
                "issue_comments" => _comments[repository],
                "releases" => _releases[repository],
                _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, null),
            };
            return [.. items.Select(i => ((long)i["id"]!).ToString(CultureInfo.InvariantCulture))];
        }
    }

    public long RepositoryId(string repository)
    {
        lock (_lock)
        {
            return (long)_repositories[repository]["id"]!;
        }
    }

    /// <summary>Changes issue <paramref name="number"/> and stamps its <c>updated_at</c> (and its PR's) with now.</summary>
    public void UpdateIssue(string repository, int number, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var issue = _issues[repository].Single(i => (int)i["number"]! == number);
            change(issue);
            var now = Iso(_clock.GetUtcNow().ToUnixTimeSeconds());
            issue["updated_at"] = now;
            if (issue["_pull"] is JsonObject pull)
            {
                pull["title"] = issue["title"]?.DeepClone();
                pull["state"] = issue["state"]?.DeepClone();
                pull["updated_at"] = now;
            }
        }
    }

    /// <summary>Opens a new issue by sandbox person <paramref name="author"/>; returns its number.</summary>
    public int AddIssue(string repository, string title, int author = 0)
    {
        lock (_lock)
        {
            var issue = NewIssue(repository, false, title, author, _clock.GetUtcNow().ToUnixTimeSeconds());
            return (int)issue["number"]!;
        }
    }

    /// <summary>Edits comment <paramref name="id"/>'s body and stamps its <c>updated_at</c> with now.</summary>
    public void UpdateComment(string repository, long id, string body)
    {
        lock (_lock)
        {
            var comment = _comments[repository].Single(c => (long)c["id"]! == id);
            comment["body"] = body;
            comment["updated_at"] = Iso(_clock.GetUtcNow().ToUnixTimeSeconds());
        }
    }

    /// <summary>Deletes comment <paramref name="id"/> (it is no longer listed) and counts it off its issue.</summary>
    public void DeleteComment(string repository, long id)
    {
        lock (_lock)
        {
            var comment = _comments[repository].Single(c => (long)c["id"]! == id);
            _comments[repository].Remove(comment);
            if (_issues[repository].FirstOrDefault(i => (string?)i["url"] == (string?)comment["issue_url"]) is { } issue)
            {
                issue["comments"] = Math.Max(0, (int)issue["comments"]! - 1);
            }
        }
    }

    /// <summary>
    /// Renames (or, with another owner, transfers) <paramref name="repository"/> to <paramref name="newFullName"/>, as
    /// GitHub does: the repository keeps its id, its items' URLs name it by the new name, and the old name answers
    /// 301 to <c>/repositories/{id}</c> for whoever may see the repository.
    /// </summary>
    public void Rename(string repository, string newFullName)
    {
        lock (_lock)
        {
            var item = _repositories[repository];
            var old = (string)item["full_name"]!;
            var (owner, name) = (newFullName.Split('/')[0], newFullName.Split('/')[1]);
            item["full_name"] = newFullName;
            item["name"] = name;
            item["owner"]!["login"] = owner;
            _repositories.Remove(old);
            _repositories[newFullName] = item;
            foreach (var lists in (Dictionary<string, List<JsonObject>>[])[_issues, _comments, _releases])
            {
                var items = lists[old];
                lists.Remove(old);
                lists[newFullName] = items;
                items.ForEach(i => Rewrite(i, old, newFullName));
            }

            foreach (var former in _formerNames.Where(f => string.Equals(f.Value, old, StringComparison.OrdinalIgnoreCase)).Select(f => f.Key).ToList())
            {
                _formerNames[former] = newFullName;
            }

            _formerNames[old] = newFullName;
        }
    }

    internal JsonObject? Repository(string fullName)
    {
        lock (_lock)
        {
            return _repositories.TryGetValue(fullName, out var repository) ? (JsonObject)repository.DeepClone() : null;
        }
    }

    /// <summary>The repository's current name when <paramref name="fullName"/> is its name or one it had; null when none.</summary>
    internal string? CurrentName(string fullName)
    {
        lock (_lock)
        {
            return _repositories.TryGetValue(fullName, out var repository) ? (string)repository["full_name"]!
                : _formerNames.GetValueOrDefault(fullName);
        }
    }

    /// <summary>The current name of the repository with <paramref name="id"/>; null for none.</summary>
    internal string? NameOf(long id)
    {
        lock (_lock)
        {
            return _repositories.Values.FirstOrDefault(r => (long)r["id"]! == id)?["full_name"]?.GetValue<string>();
        }
    }

    /// <summary>Whether a caller sees the repository: a public one anyone, a private one only with a token (GitHub: 404 otherwise).</summary>
    internal bool Visible(string fullName, bool authenticated)
    {
        lock (_lock)
        {
            return _repositories.TryGetValue(fullName, out var repository) && (authenticated || !(bool)repository["private"]!);
        }
    }

    internal List<JsonObject> OrganizationRepositories(string organization, bool authenticated)
    {
        lock (_lock)
        {
            return [.. _repositories.Values
                .Where(r => string.Equals((string?)r["owner"]!["login"], organization, StringComparison.OrdinalIgnoreCase) && (authenticated || !(bool)r["private"]!))
                .Select(r => (JsonObject)r.DeepClone())];
        }
    }

    /// <summary>Points every URL and name of an item (and of its pull request) that names <paramref name="old"/> at <paramref name="current"/>.</summary>
    private static void Rewrite(JsonNode? node, string old, string current)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var (key, value) in item.ToList())
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        item[key] = Renamed(s, old, current);
                    }
                    else
                    {
                        Rewrite(value, old, current);
                    }
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Rewrite(element, old, current);
                }

                break;
            default:
                break;
        }
    }

    private static string Renamed(string text, string old, string current)
    {
        if (text == old)
        {
            return current;
        }

        var replaced = text.Replace($"/{old}/", $"/{current}/", StringComparison.Ordinal);
        return replaced.EndsWith("/" + old, StringComparison.Ordinal) ? replaced[..^old.Length] + current : replaced;
    }

    /// <summary>Snapshots of a repository's issues (with PRs), PRs (pulls shape), comments or releases; null for an unknown repository.</summary>
    internal List<JsonObject>? Snapshot(string repository, string kind)
    {
        lock (_lock)
        {
            if (!_repositories.ContainsKey(repository))
            {
                return null;
            }

            IEnumerable<JsonObject> items = kind switch
            {
                "issues" => _issues[repository].Select(WithoutPrivate),
                "pulls" => _issues[repository].Where(i => i["_pull"] is not null).Select(i => (JsonObject)i["_pull"]!.DeepClone()),
                "comments" => _comments[repository].Select(c => (JsonObject)c.DeepClone()),
                _ => _releases[repository].Select(r => (JsonObject)r.DeepClone()),
            };
            return [.. items];
        }
    }

    private static JsonObject WithoutPrivate(JsonObject issue)
    {
        var copy = (JsonObject)issue.DeepClone();
        copy.Remove("_pull");
        return copy;
    }

    private JsonObject NewIssue(string repository, bool pull, string title, int author, long opened)
    {
        var list = _issues[repository];
        var number = list.Count + 1;
        var id = _nextId++;
        var random = new SandboxRandom((int)id, number);
        var issue = new JsonObject
        {
            ["id"] = id,
            ["node_id"] = "I_" + random.Upper(12),
            ["url"] = $"https://api.github.com/repos/{repository}/issues/{number}",
            ["repository_url"] = $"https://api.github.com/repos/{repository}",
            ["html_url"] = $"https://github.com/{repository}/{(pull ? "pull" : "issues")}/{number}",
            ["number"] = number,
            ["title"] = title,
            ["user"] = User(author),
            ["labels"] = new JsonArray(new JsonObject { ["name"] = random.Pick(Labels), ["color"] = "d73a4a" }),
            ["state"] = "open",
            ["locked"] = false,
            ["assignee"] = random.Chance(0.5) ? User(random.Next(_peopleCount)) : null,
            ["comments"] = 0,
            ["created_at"] = Iso(opened),
            ["updated_at"] = Iso(opened),
            ["closed_at"] = null,
            ["author_association"] = "NONE",
            ["body"] = $"Reported by {_people[author].Name} ({_people[author].Company}).",
        };
        if (pull)
        {
            issue["pull_request"] = new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}",
                ["html_url"] = $"https://github.com/{repository}/pull/{number}",
                ["merged_at"] = null,
            };
            issue["_pull"] = new JsonObject
            {
                ["id"] = 800_000_000 + id,
                ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}",
                ["number"] = number,
                ["state"] = "open",
                ["title"] = title,
                ["user"] = User(author),
                ["draft"] = random.Chance(0.2),
                ["merged_at"] = null,
                ["merge_commit_sha"] = random.Upper(40).ToLowerInvariant(),
                ["head"] = new JsonObject { ["ref"] = $"feature-{number}", ["sha"] = random.Upper(40).ToLowerInvariant() },
                ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = repository } },
                ["created_at"] = Iso(opened),
                ["updated_at"] = Iso(opened),
                ["closed_at"] = null,
            };
        }

        list.Add(issue);
        return issue;
    }

    private static void Close(JsonObject issue, bool merged, long at)
    {
        issue["state"] = "closed";
        issue["closed_at"] = Iso(at);
        if (issue["_pull"] is JsonObject pull)
        {
            pull["state"] = "closed";
            pull["closed_at"] = Iso(at);
            pull["updated_at"] = Iso(at);
            if (merged)
            {
                pull["merged_at"] = Iso(at);
                issue["pull_request"]!["merged_at"] = Iso(at);
            }
        }

    }

    private JsonObject NewComment(string repository, JsonObject issue, int author, long at)
    {
        issue["comments"] = (int)issue["comments"]! + 1;
        var id = _nextId++;
        return new JsonObject
        {
            ["id"] = id,
            ["url"] = $"https://api.github.com/repos/{repository}/issues/comments/{id}",
            ["issue_url"] = (string?)issue["url"],
            ["user"] = User(author),
            ["author_association"] = "NONE",
            ["body"] = "Same here, any update?",
            ["created_at"] = Iso(at),
            ["updated_at"] = Iso(at),
        };
    }

    private JsonObject User(int index) => new()
    {
        ["login"] = Login(index),
        ["id"] = 10_000 + index,
        ["type"] = "User",
    };

    private static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
