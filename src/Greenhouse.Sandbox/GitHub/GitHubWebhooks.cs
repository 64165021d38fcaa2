using System.Text.Json.Nodes;
using Greenhouse.Sandbox.Webhooks;

namespace Greenhouse.Sandbox.GitHub;

/// <summary>
/// The webhooks GitHub would send for the fake's data as it is now: the event's object is exactly what the REST
/// endpoints serve for it (GitHub's webhook objects are its REST objects), with <c>action</c>, <c>repository</c>,
/// <c>organization</c> and <c>sender</c> around it, and a new <c>X-GitHub-Delivery</c> GUID each. Build the event
/// after changing the data (<see cref="GitHubFakeData.UpdateIssue"/> …) and before deleting from it; send it with
/// <see cref="WebhookSender.SendAsync"/>.
/// </summary>
public sealed class GitHubWebhooks(GitHubFakeData data)
{
    /// <summary><c>issues</c> with <paramref name="action"/> (opened, edited, closed, deleted, …) for issue <paramref name="number"/>.</summary>
    public SandboxWebhook Issue(string repository, int number, string action) =>
        Event("issues", action, repository, ("issue", Find(repository, "issues", i => (int)i["number"]! == number, $"issue #{number}")));

    /// <summary><c>pull_request</c> for the pull request <paramref name="number"/>, as the pulls endpoint serves it.</summary>
    public SandboxWebhook PullRequest(string repository, int number, string action) =>
        Event("pull_request", action, repository, ("number", number), ("pull_request", Find(repository, "pulls", p => (int)p["number"]! == number, $"pull request #{number}")));

    /// <summary><c>issue_comment</c> for comment <paramref name="id"/>, with the issue it is on.</summary>
    public SandboxWebhook IssueComment(string repository, long id, string action)
    {
        var comment = Find(repository, "comments", c => (long)c["id"]! == id, $"comment {id}");
        var issue = Find(repository, "issues", i => (string?)i["url"] == (string?)comment["issue_url"], $"the issue of comment {id}");
        return Event("issue_comment", action, repository, ("issue", issue), ("comment", comment));
    }

    /// <summary><c>release</c> for release <paramref name="id"/>.</summary>
    public SandboxWebhook Release(string repository, long id, string action) =>
        Event("release", action, repository, ("release", Find(repository, "releases", r => (long)r["id"]! == id, $"release {id}")));

    /// <summary><c>repository</c> for the repository itself (edited, archived, deleted, …).</summary>
    public SandboxWebhook Repository(string repository, string action) => Event("repository", action, repository);

    /// <summary>The <c>ping</c> GitHub sends when a hook is created: no action, no object to land.</summary>
    public static SandboxWebhook Ping() => new("github", "ping", Guid.NewGuid().ToString(), new JsonObject
    {
        ["zen"] = "Keep it logically awesome.",
        ["hook_id"] = 1,
        ["hook"] = new JsonObject { ["type"] = "Organization", ["id"] = 1, ["active"] = true, ["events"] = new JsonArray("*") },
        ["organization"] = Organization(),
        ["sender"] = Sender(),
    });

    private SandboxWebhook Event(string name, string action, string repository, params (string Key, JsonNode? Value)[] items)
    {
        var body = new JsonObject { ["action"] = action };
        foreach (var (key, value) in items)
        {
            body[key] = value;
        }

        body["repository"] = data.Repository(repository) ?? throw new KeyNotFoundException($"The fake GitHub has no repository {repository}.");
        body["organization"] = Organization();
        body["sender"] = Sender();
        return new SandboxWebhook("github", name, Guid.NewGuid().ToString(), body);
    }

    private JsonObject Find(string repository, string kind, Func<JsonObject, bool> match, string what) =>
        (data.Snapshot(repository, kind) ?? throw new KeyNotFoundException($"The fake GitHub has no repository {repository}."))
            .FirstOrDefault(match) ?? throw new KeyNotFoundException($"The fake GitHub's {repository} has no {what}.");

    private static JsonObject Organization() => new() { ["login"] = GitHubFakeData.Organization, ["id"] = 9000 };

    private static JsonObject Sender() => new() { ["login"] = "sandbox-bot", ["id"] = 1, ["type"] = "Bot" };
}
