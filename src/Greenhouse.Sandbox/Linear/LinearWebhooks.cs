using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Webhooks;

namespace Greenhouse.Sandbox.Linear;

/// <summary>
/// The data-change webhooks Linear would send for the fake workspace as it is now. <c>data</c> has the shape of
/// Linear's webhook payload types (<c>IssueWebhookPayload</c>, <c>ProjectWebhookPayload</c>, <c>CycleWebhookPayload</c>,
/// <c>UserWebhookPayload</c>), not of the GraphQL nodes the fake serves: ids beside child objects (<c>stateId</c> and
/// <c>state {id name color type}</c>), labels as a list, a project's <c>status</c> instead of its <c>state</c>, and
/// no <c>progress</c> on projects or cycles nor a cycle's team, as Linear's do. Linear sends no Team or WorkflowState
/// webhooks. Build the event after changing the data and before removing from it; <see cref="WebhookSender.SendAsync"/>
/// adds <c>webhookTimestamp</c> when it sends.
/// </summary>
public sealed class LinearWebhooks(GraphQLFakeStore data, TimeProvider? clock = null)
{
    private const string Organization = "0b8c9f4e-5a3d-4c1e-9f00-5a4db0c0ffee";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary><c>Issue</c> with <paramref name="action"/> <c>create</c>, <c>update</c> or <c>remove</c>.</summary>
    public SandboxWebhook Issue(string id, string action) => Event("Issue", action, IssueData(data.Get("issues", id)));

    public SandboxWebhook Project(string id, string action) => Event("Project", action, ProjectData(data.Get("projects", id)));

    public SandboxWebhook Cycle(string id, string action) => Event("Cycle", action, CycleData(data.Get("cycles", id)));

    public SandboxWebhook User(string id, string action) => Event("User", action, UserData(data.Get("users", id)));

    private SandboxWebhook Event(string type, string action, JsonObject payload)
    {
        var body = new JsonObject
        {
            ["action"] = action,
            ["actor"] = new JsonObject { ["id"] = "sandbox-actor", ["name"] = "Sandbox", ["type"] = "user" },
            ["createdAt"] = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["data"] = payload,
            ["url"] = (string?)payload["url"],
            ["type"] = type,
            ["organizationId"] = Organization,
            ["webhookId"] = "5f1d2c3b-0000-4000-8000-5a4db0c0ffee",
        };
        if (action == "update")
        {
            body["updatedFrom"] = new JsonObject(); // the fake keeps no history of the changed fields' old values
        }

        return new SandboxWebhook("linear", type, Guid.NewGuid().ToString(), body);
    }

    private JsonObject IssueData(JsonObject issue)
    {
        var identifier = (string)issue["identifier"]!;
        var team = Lookup("teams", issue["team"]);
        var state = Lookup("workflowStates", issue["state"]);
        var project = Lookup("projects", issue["project"]);
        var cycle = Lookup("cycles", issue["cycle"]);
        var labels = issue["labels"]?["nodes"] as JsonArray ?? [];
        return new JsonObject
        {
            ["id"] = Copy(issue, "id"),
            ["createdAt"] = Copy(issue, "createdAt"),
            ["updatedAt"] = Copy(issue, "updatedAt"),
            ["archivedAt"] = Copy(issue, "archivedAt"),
            ["number"] = int.Parse(identifier[(identifier.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture),
            ["title"] = Copy(issue, "title"),
            ["description"] = Copy(issue, "description"),
            ["priority"] = Copy(issue, "priority"),
            ["priorityLabel"] = (int?)issue["priority"] switch { 1 => "Urgent", 2 => "High", 3 => "Medium", 4 => "Low", _ => "No priority" },
            ["estimate"] = Copy(issue, "estimate"),
            ["dueDate"] = Copy(issue, "dueDate"),
            ["sortOrder"] = 0,
            ["prioritySortOrder"] = 0,
            ["startedAt"] = Copy(issue, "startedAt"),
            ["completedAt"] = Copy(issue, "completedAt"),
            ["canceledAt"] = Copy(issue, "canceledAt"),
            ["autoClosedAt"] = null,
            ["autoArchivedAt"] = null,
            ["teamId"] = Copy(team, "id"),
            ["team"] = team is null ? null : new JsonObject { ["id"] = Copy(team, "id"), ["key"] = Copy(team, "key"), ["name"] = Copy(team, "name") },
            ["stateId"] = Copy(issue["state"], "id"),
            ["state"] = new JsonObject
            {
                ["id"] = Copy(issue["state"], "id"),
                ["color"] = Copy(state, "color") ?? "#bec2c8",
                ["name"] = Copy(issue["state"], "name"),
                ["type"] = Copy(issue["state"], "type"),
            },
            ["assigneeId"] = Copy(issue["assignee"], "id"),
            ["assignee"] = UserChild(Lookup("users", issue["assignee"])),
            ["creatorId"] = Copy(issue["creator"], "id"),
            ["creator"] = UserChild(Lookup("users", issue["creator"])),
            ["labelIds"] = new JsonArray([.. labels.Select(l => Copy(l, "id"))]),
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = Copy(l, "id"), ["color"] = "#bec2c8", ["name"] = Copy(l, "name"), ["parentId"] = null,
            })]),
            ["projectId"] = Copy(project, "id"),
            ["project"] = project is null ? null : new JsonObject { ["id"] = Copy(project, "id"), ["name"] = Copy(project, "name"), ["url"] = Copy(project, "url") },
            ["cycleId"] = Copy(cycle, "id"),
            ["cycle"] = cycle is null ? null : new JsonObject
            {
                ["id"] = Copy(cycle, "id"), ["name"] = Copy(cycle, "name"), ["number"] = Copy(cycle, "number"),
                ["startsAt"] = Copy(cycle, "startsAt"), ["endsAt"] = Copy(cycle, "endsAt"),
            },
            ["subscriberIds"] = new JsonArray(),
            ["previousIdentifiers"] = new JsonArray(),
            ["reactionData"] = new JsonArray(),
            ["identifier"] = identifier,
            ["url"] = Copy(issue, "url"),
        };
    }

    private JsonObject ProjectData(JsonObject project)
    {
        var state = (string?)project["state"] ?? "planned";
        var lead = Lookup("users", project["lead"]);
        return new JsonObject
        {
            ["id"] = Copy(project, "id"),
            ["createdAt"] = Copy(project, "createdAt"),
            ["updatedAt"] = Copy(project, "updatedAt"),
            ["archivedAt"] = Copy(project, "archivedAt"),
            ["name"] = Copy(project, "name"),
            ["description"] = Copy(project, "description"),
            ["color"] = "#bec2c8",
            ["icon"] = null,
            ["slugId"] = ((string)project["id"]!)[..12].Replace("-", "", StringComparison.Ordinal),
            ["url"] = Copy(project, "url"),
            ["statusId"] = "status-" + state,
            ["status"] = new JsonObject
            {
                ["id"] = "status-" + state, ["name"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(state), ["color"] = "#f2c94c", ["type"] = state,
            },
            ["leadId"] = Copy(lead, "id"),
            ["lead"] = UserChild(lead),
            ["startDate"] = Copy(project, "startDate"),
            ["targetDate"] = Copy(project, "targetDate"),
            ["startedAt"] = Copy(project, "startedAt"),
            ["completedAt"] = Copy(project, "completedAt"),
            ["canceledAt"] = Copy(project, "canceledAt"),
            ["autoArchivedAt"] = null,
            ["priority"] = 0,
            ["sortOrder"] = 0,
            ["prioritySortOrder"] = 0,
            ["teamIds"] = new JsonArray(),
            ["memberIds"] = new JsonArray(),
            ["labelIds"] = new JsonArray(),
            ["scopeHistory"] = new JsonArray(),
            ["completedScopeHistory"] = new JsonArray(),
            ["inProgressScopeHistory"] = new JsonArray(),
            ["issueCountHistory"] = new JsonArray(),
            ["completedIssueCountHistory"] = new JsonArray(),
        };
    }

    private static JsonObject CycleData(JsonObject cycle) => new()
    {
        ["id"] = Copy(cycle, "id"),
        ["createdAt"] = Copy(cycle, "createdAt"),
        ["updatedAt"] = Copy(cycle, "updatedAt"),
        ["archivedAt"] = Copy(cycle, "archivedAt"),
        ["number"] = Copy(cycle, "number"),
        ["name"] = Copy(cycle, "name"),
        ["description"] = null,
        ["startsAt"] = Copy(cycle, "startsAt"),
        ["endsAt"] = Copy(cycle, "endsAt"),
        ["completedAt"] = Copy(cycle, "completedAt"),
        ["autoArchivedAt"] = null,
        ["teamId"] = Copy(cycle["team"], "id"),
        ["inheritedFromId"] = null,
        ["scopeHistory"] = new JsonArray(),
        ["completedScopeHistory"] = new JsonArray(),
        ["inProgressScopeHistory"] = new JsonArray(),
        ["issueCountHistory"] = new JsonArray(),
        ["completedIssueCountHistory"] = new JsonArray(),
        ["uncompletedIssuesUponCloseIds"] = new JsonArray(),
    };

    private static JsonObject UserData(JsonObject user) => new()
    {
        ["id"] = Copy(user, "id"),
        ["createdAt"] = Copy(user, "createdAt"),
        ["updatedAt"] = Copy(user, "updatedAt"),
        ["archivedAt"] = Copy(user, "archivedAt"),
        ["name"] = Copy(user, "name"),
        ["displayName"] = Copy(user, "displayName"),
        ["email"] = Copy(user, "email"),
        ["avatarUrl"] = null,
        ["active"] = Copy(user, "active"),
        ["admin"] = Copy(user, "admin"),
        ["owner"] = Copy(user, "admin"),
        ["guest"] = Copy(user, "guest"),
        ["app"] = false,
        ["description"] = null,
        ["disableReason"] = null,
        ["timezone"] = "Etc/UTC",
        ["url"] = $"https://linear.app/sandbox/profiles/{(string?)user["displayName"]}",
    };

    /// <summary>Linear's <c>UserChildWebhookPayload</c>.</summary>
    private static JsonObject? UserChild(JsonObject? user) => user is null ? null : new JsonObject
    {
        ["id"] = Copy(user, "id"),
        ["name"] = Copy(user, "name"),
        ["email"] = Copy(user, "email"),
        ["avatarUrl"] = null,
        ["url"] = $"https://linear.app/sandbox/profiles/{(string?)user["displayName"]}",
    };

    /// <summary>The whole entity a reference (<c>{"id": …}</c>) points at; null for no reference or an unknown id.</summary>
    private JsonObject? Lookup(string connection, JsonNode? reference) =>
        reference?["id"] is JsonValue id && data.Ids(connection).Contains((string)id!) ? data.Get(connection, (string)id!) : null;

    private static JsonNode? Copy(JsonNode? node, string property) => node?[property]?.DeepClone();
}
