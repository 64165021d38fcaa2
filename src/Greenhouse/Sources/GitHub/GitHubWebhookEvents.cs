using System.Globalization;
using System.Text.Json;
using Greenhouse.Config;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// GitHub webhook events as records of the github streams. A webhook's object is the REST API's object (the same
/// JSON the list endpoints return), so it lands as is: <c>issues</c> → <c>issue</c>, <c>pull_request</c> →
/// <c>pull_request</c>, <c>issue_comment</c> → <c>comment</c>, <c>release</c> → <c>release</c>, <c>repository</c> →
/// <c>repository</c>. Its as-of time is the object's <c>updated_at</c>; releases have none, and a deletion's object
/// is its last state, so for those it is the time the event was received (GitHub's deliveries carry no time of
/// their own). Action <c>deleted</c> (and an issue's <c>transferred</c>: it leaves this repository's listing)
/// soft-deletes. Events for a repository the source does not read, other event types (<c>ping</c>, <c>push</c>, …)
/// and pull requests' rows in <c>issues</c> (a <c>pull_request</c> event carries the pull, not its issue) are not applied.
/// </summary>
internal static class GitHubWebhookEvents
{
    private static readonly Dictionary<string, (string Stream, string Key)> ByEvent = new(StringComparer.Ordinal)
    {
        ["issues"] = ("issues", "issue"),
        ["pull_request"] = ("pull_requests", "pull_request"),
        ["issue_comment"] = ("issue_comments", "comment"),
        ["release"] = ("releases", "release"),
        ["repository"] = ("repositories", "repository"),
    };

    /// <param name="type"><c>X-GitHub-Event</c>, then <c>.</c> and the body's <c>action</c> when it has one (<c>issues.opened</c>).</param>
    public static WebhookRecord? Read(SourceConfig source, string type, JsonElement body, DateTimeOffset received)
    {
        var dot = type.IndexOf('.', StringComparison.Ordinal);
        var (name, action) = dot < 0 ? (type, "") : (type[..dot], type[(dot + 1)..]);
        if (!ByEvent.TryGetValue(name, out var target))
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(target.Key, out var item) || item.ValueKind != JsonValueKind.Object)
        {
            throw new SourceException($"a GitHub '{name}' event without its '{target.Key}' object");
        }

        var repository = name == "repository" ? item : body.TryGetProperty("repository", out var r) ? r : default;
        if (Text(repository, "full_name") is not { } fullName || !Scope(source).Covers(fullName))
        {
            return null; // a repository the source does not read (e.g. an organization hook): kept in _gh_events only
        }

        var deleted = action == "deleted" || (name == "issues" && action == "transferred");
        var asOf = deleted || name == "release"
            ? received
            : Time(item, "updated_at") ?? throw new SourceException($"a GitHub '{type}' event whose {target.Key} has no updated_at");
        return new WebhookRecord(target.Stream, new SourceRecord(item.Clone(), asOf, deleted));
    }

    private static GitHubScope Scope(SourceConfig source)
    {
        try
        {
            return GitHubScope.From(source);
        }
        catch (ConfigException e)
        {
            throw new SourceException(e.Message);
        }
    }

    private static string? Text(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An ISO 8601 time, or Unix seconds (some payloads, e.g. a push's repository, use those).</summary>
    private static DateTimeOffset? Time(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) switch
        {
            true when value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant.ToUniversalTime(),
            true when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
            _ => null,
        };
}
