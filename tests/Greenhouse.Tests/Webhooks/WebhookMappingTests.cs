using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Linear.Streams;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Webhooks;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// Vendor payloads, written after the vendors' own webhook schemas (Linear's <c>…WebhookPayload</c> types, Plain's
/// webhook JSON schema, GitHub's REST objects), mapped exactly as the receiver maps them.
/// </summary>
public sealed class WebhookMappingTests
{
    private static readonly DateTimeOffset Received = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static SourceConfig Source(string type, IReadOnlyList<string>? streams = null, params (string Key, string Value)[] settings) =>
        new(type, type, null, TimeSpan.Zero, TimeSpan.Zero, false, null, streams, null, 0, TimeSpan.Zero,
            settings.ToDictionary(s => s.Key, s => s.Value), new Dictionary<string, Credential>());

    private sealed record Mapped(StreamDescriptor Stream, Greenhouse.Warehouse.RecordRow Row)
    {
        public object? this[string column] => Row.Values[Stream.Columns.ToList().FindIndex(c => c.Name == column)];

        public JsonElement Raw => JsonDocument.Parse(Row.RawJson).RootElement;
    }

    private static Mapped? Map(SourceConfig source, string type, string body)
    {
        using var document = JsonDocument.Parse(body);
        var connector = BuiltInConnectors.Create()[source.Type];
        var plan = new SourcePlan(source, connector, connector.StreamsFor(source), Unavailable: null);
        return WebhookMapping.Map(plan, new WebhookIdentity("evt", type, null), document.RootElement, Received) is { } m
            ? new Mapped(m.Stream, m.Row)
            : null;
    }

    [Fact]
    public void The_node_selection_is_read_from_the_streams_query()
    {
        var issue = GraphQLSelection.OfNodes(IssuesStream.Definition.Query);
        Assert.Equal(["id", "identifier", "title", "description"], issue.Fields.Take(4).Select(f => f.Name));
        var labels = issue.Fields.Single(f => f.Name == "labels").Selection!;
        Assert.Equal("nodes", Assert.Single(labels.Fields).Name);

        var thread = GraphQLSelection.OfNodes(Greenhouse.Sources.Plain.Streams.ThreadsStream.Definition.Query);
        Assert.Equal("iso8601", Assert.Single(thread.Fields.Single(f => f.Name == "createdAt").Selection!.Fields).Name);
    }

    [Fact]
    public void The_selection_parser_skips_arguments_and_keys_aliased_fields_by_their_alias()
    {
        var selection = GraphQLSelection.OfNodes("""
            query Q($first: Int!, $f: Filter) {
              things(first: $first, filter: {name: {eq: "a) { b"}}, orderBy: updatedAt) {
                edges { cursor node { id label: name owner(kind: "x") { id } } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """);

        Assert.Equal(["id", "label", "owner"], selection.Fields.Select(f => f.Name));
        var shaped = selection.Shape(new System.Text.Json.Nodes.JsonObject { ["label"] = "x", ["ownerId"] = "o1", ["extra"] = 1 });
        Assert.Equal("""{"id":null,"label":"x","owner":{"id":"o1"}}""", shaped.ToJsonString());
    }

    private const string LinearIssue = """
        {"action":"update","type":"Issue","createdAt":"2025-06-15T11:59:58.000Z","url":"https://linear.app/acme/issue/ENG-7",
         "organizationId":"org","webhookId":"wh","webhookTimestamp":1749988798000,"updatedFrom":{"stateId":"s0"},
         "data":{"id":"iss-1","createdAt":"2025-06-01T08:00:00.000Z","updatedAt":"2025-06-15T11:59:57.500Z","archivedAt":null,
          "number":7,"title":"Login loop","description":"It loops.","priority":2,"priorityLabel":"High","estimate":3,"dueDate":"2025-06-30",
          "startedAt":"2025-06-10T09:00:00.000Z","completedAt":null,"canceledAt":null,"sortOrder":-12.5,"prioritySortOrder":0,
          "teamId":"t1","team":{"id":"t1","key":"ENG","name":"Engineering"},
          "stateId":"s1","state":{"id":"s1","color":"#f2c94c","name":"In Progress","type":"started"},
          "assigneeId":"u1","assignee":{"id":"u1","name":"Ada","email":"ada@acme.test","avatarUrl":null,"url":"https://linear.app/acme/profiles/ada"},
          "creatorId":"u2","creator":{"id":"u2","name":"Bob","email":"bob@acme.test","url":"https://linear.app/acme/profiles/bob"},
          "labelIds":["l1","l2"],"labels":[{"id":"l1","color":"#eb5757","name":"bug","parentId":null},{"id":"l2","color":"#bb87fc","name":"customer","parentId":null}],
          "projectId":"p1","project":{"id":"p1","name":"Login","url":"https://linear.app/acme/project/login"},
          "cycleId":"c1","cycle":{"id":"c1","name":null,"number":4,"startsAt":"2025-06-09T00:00:00.000Z","endsAt":"2025-06-23T00:00:00.000Z"},
          "identifier":"ENG-7","url":"https://linear.app/acme/issue/ENG-7","subscriberIds":["u1"],"previousIdentifiers":[],"reactionData":[]}}
        """;

    [Fact]
    public void Linear_issue_payload_lands_the_columns_of_the_node_the_query_selects()
    {
        var row = Map(Source("linear"), "Issue.update", LinearIssue)!;

        Assert.Equal("linear.issues", row.Stream.FullName);
        Assert.Equal("iss-1", row.Row.Id);
        Assert.Equal("ENG-7", row["identifier"]);
        Assert.Equal("In Progress", row["state_name"]);
        Assert.Equal("started", row["state_type"]);
        Assert.Equal("u1", row["assignee_id"]);
        Assert.Equal("ada@acme.test", row["assignee_email"]);
        Assert.Equal("bug", row["first_label"]);
        Assert.Equal("2025-06-30", row["due_date"]);
        Assert.Equal("p1", row["project_id"]);
        Assert.Equal("c1", row["cycle_id"]);
        Assert.Equal("ENG", row["team_key"]);
        Assert.Equal(3m, row["estimate"]);
        Assert.Equal(2L, row["priority"]);
        Assert.Equal(DateTimeOffset.Parse("2025-06-15T11:59:57.5Z", System.Globalization.CultureInfo.InvariantCulture), row.Row.AsOf);
        Assert.False(row.Row.Deleted);

        // The raw JSON is the query's node: its fields only, labels as a connection, children as selected.
        var raw = row.Raw;
        Assert.Equal(GraphQLSelection.OfNodes(IssuesStream.Definition.Query).Fields.Select(f => f.Name), raw.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"nodes":[{"id":"l1","name":"bug"},{"id":"l2","name":"customer"}]}""", raw.GetProperty("labels").GetRawText());
        Assert.Equal("""{"id":"s1","name":"In Progress","type":"started"}""", raw.GetProperty("state").GetRawText());
        Assert.Equal("""{"id":"u2","email":"bob@acme.test"}""", raw.GetProperty("creator").GetRawText());
    }

    [Fact]
    public void Linear_remove_soft_deletes_as_of_the_event()
    {
        var row = Map(Source("linear"), "Issue.remove", LinearIssue.Replace("\"action\":\"update\"", "\"action\":\"remove\"", StringComparison.Ordinal))!;

        Assert.True(row.Row.Deleted);
        Assert.Equal(DateTimeOffset.Parse("2025-06-15T11:59:58Z", System.Globalization.CultureInfo.InvariantCulture), row.Row.AsOf);
    }

    [Fact]
    public void Linear_project_takes_its_state_from_the_status_type_and_has_no_progress()
    {
        var row = Map(Source("linear"), "Project.update", """
            {"action":"update","type":"Project","createdAt":"2025-06-15T12:00:00.000Z","webhookTimestamp":1749988800000,
             "data":{"id":"p1","name":"Login","description":"","color":"#bec2c8","slugId":"abc","url":"https://linear.app/acme/project/login-abc",
              "statusId":"ps1","status":{"id":"ps1","name":"In Progress","color":"#f2c94c","type":"started"},
              "leadId":"u1","lead":{"id":"u1","name":"Ada","email":"ada@acme.test","url":"https://linear.app/acme/profiles/ada"},
              "startDate":"2025-06-01","targetDate":"2025-07-01","startedAt":"2025-06-02T00:00:00.000Z","completedAt":null,"canceledAt":null,
              "teamIds":["t1"],"memberIds":[],"labelIds":[],"priority":0,"sortOrder":1,"prioritySortOrder":0,
              "scopeHistory":[],"completedScopeHistory":[],"inProgressScopeHistory":[],"issueCountHistory":[],"completedIssueCountHistory":[],
              "createdAt":"2025-05-01T00:00:00.000Z","updatedAt":"2025-06-15T11:00:00.000Z","archivedAt":null}}
            """)!;

        Assert.Equal("started", row["state"]);
        Assert.Equal("u1", row["lead_id"]);
        Assert.Equal("2025-07-01", row["target_date"]);
        Assert.Null(row["progress"]);
    }

    [Fact]
    public void Linear_cycle_gets_its_team_id_but_not_its_key_or_progress()
    {
        var row = Map(Source("linear"), "Cycle.create", """
            {"action":"create","type":"Cycle","createdAt":"2025-06-15T12:00:00.000Z","webhookTimestamp":1749988800000,
             "data":{"id":"c1","number":4,"name":null,"description":null,"startsAt":"2025-06-09T00:00:00.000Z","endsAt":"2025-06-23T00:00:00.000Z",
              "completedAt":null,"teamId":"t1","scopeHistory":[],"completedScopeHistory":[],"inProgressScopeHistory":[],"issueCountHistory":[],
              "completedIssueCountHistory":[],"uncompletedIssuesUponCloseIds":[],
              "createdAt":"2025-06-08T00:00:00.000Z","updatedAt":"2025-06-15T11:00:00.000Z","archivedAt":null}}
            """)!;

        Assert.Equal(4L, row["number"]);
        Assert.Null(row["team_key"]);
        Assert.Null(row["progress"]);
        Assert.Equal("""{"id":"t1","key":null}""", row.Raw.GetProperty("team").GetRawText());
    }

    [Theory]
    [InlineData("""{"action":"create","type":"Comment","data":{"id":"x","updatedAt":"2025-06-15T11:00:00.000Z"}}""")]
    [InlineData("""{"action":"update","type":"Team","data":{"id":"x","updatedAt":"2025-06-15T11:00:00.000Z"}}""")]
    [InlineData("""{"action":"breached","type":"Issue","data":{"id":"x","updatedAt":"2025-06-15T11:00:00.000Z"}}""")]
    public void Linear_other_entities_and_actions_are_not_applied(string body) =>
        Assert.Null(Map(Source("linear"), "Other", body));

    private const string GitHubIssue = """
        {"action":"edited","issue":{"id":11,"number":3,"title":"Fix login","state":"open","user":{"login":"ada"},"assignee":null,
          "labels":[],"comments":2,"repository_url":"https://api.github.com/repos/acme/app",
          "created_at":"2025-06-01T08:00:00Z","updated_at":"2025-06-15T11:59:00Z","closed_at":null},
         "repository":{"id":500000,"full_name":"acme/app","owner":{"login":"acme"}},"sender":{"login":"ada"}}
        """;

    [Fact]
    public void GitHub_issue_event_lands_the_issue_as_of_its_update()
    {
        var row = Map(Source("github", null, ("organizations", "acme")), "issues.edited", GitHubIssue)!;

        Assert.Equal("github.issues", row.Stream.FullName);
        Assert.Equal("11", row.Row.Id);
        Assert.Equal("Fix login", row["title"]);
        Assert.Equal("ada", row["user_login"]);
        Assert.Equal(2L, row["comments"]);
        Assert.Null(row["pull_request_url"]);
        Assert.Equal(DateTimeOffset.Parse("2025-06-15T11:59:00Z", System.Globalization.CultureInfo.InvariantCulture), row.Row.AsOf);
    }

    [Fact]
    public void GitHub_deleted_soft_deletes_as_of_receipt_and_a_release_lands_as_of_receipt()
    {
        var deleted = Map(Source("github", null, ("repositories", "acme/app")), "issues.deleted", GitHubIssue.Replace("edited", "deleted", StringComparison.Ordinal))!;
        Assert.True(deleted.Row.Deleted);
        Assert.Equal(Received, deleted.Row.AsOf);

        var release = Map(Source("github", null, ("organizations", "acme")), "release.published", """
            {"action":"published","release":{"id":5,"url":"https://api.github.com/repos/acme/app/releases/5","tag_name":"v1.0.0","name":"1.0",
             "draft":false,"prerelease":false,"author":{"login":"ada"},"created_at":"2025-06-01T00:00:00Z","published_at":"2025-06-01T00:10:00Z"},
             "repository":{"id":500000,"full_name":"acme/app"}}
            """)!;
        Assert.Equal("github.releases", release.Stream.FullName);
        Assert.Equal("v1.0.0", release["tag_name"]);
        Assert.Equal(Received, release.Row.AsOf);
    }

    [Fact]
    public void GitHub_ping_other_repositories_and_disabled_streams_are_not_applied()
    {
        Assert.Null(Map(Source("github", null, ("organizations", "acme")), "ping", """{"zen":"Keep it logically awesome.","hook_id":1}"""));
        Assert.Null(Map(Source("github", null, ("repositories", "acme/site")), "issues.edited", GitHubIssue));
        Assert.Null(Map(Source("github", null, ("organizations", "other")), "issues.edited", GitHubIssue));
        Assert.Null(Map(Source("github", ["pull_requests"], ("organizations", "acme")), "issues.edited", GitHubIssue));
    }

    private const string PlainThread = """
        {"id":"pEv_01HD4Y12QZ1X7FQN2648JCVMN4","type":"thread.thread_labels_changed","timestamp":"2025-06-15T11:59:59.000Z","workspaceId":"w_01",
         "payload":{"eventType":"thread.thread_labels_changed","changeType":"ADDED",
          "thread":{"id":"th_01","customer":{"id":"c_01","email":{"email":"peter@example.com","isVerified":false,"verifiedAt":null},
            "externalId":null,"fullName":"Peter Santos","shortName":"Peter","createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2025-01-02T00:00:00.000Z"},
           "title":"Unable to tail logs","previewText":"Hey","priority":1,"externalId":null,"status":"DONE",
           "statusChangedAt":"2025-06-15T11:00:00.000Z","statusChangedBy":null,"statusDetail":null,"assignee":null,"assignedAt":null,
           "labels":[{"id":"l_01","labelType":{"id":"lt_01","name":"Account setup","icon":"bug","isArchived":false,"archivedAt":null},
             "createdAt":"2025-06-15T11:59:59.000Z"}],
           "firstInboundMessageInfo":null,"firstOutboundMessageInfo":null,"lastInboundMessageInfo":null,"lastOutboundMessageInfo":null,
           "supportEmailAddresses":["help@example.com"],
           "createdAt":"2025-06-14T10:00:00.000Z","updatedAt":"2025-06-15T11:59:59.000Z"}},
         "webhookMetadata":{"webhookTargetId":"whTarget_01","webhookDeliveryAttemptId":"whAttempt_01","webhookDeliveryAttemptNumber":1,
          "webhookDeliveryAttemptTimestamp":"2025-06-15T12:00:00.000Z"}}
        """;

    [Fact]
    public void Plain_thread_event_lands_the_thread_with_timestamps_as_iso8601_objects()
    {
        var row = Map(Source("plain"), "thread.thread_labels_changed", PlainThread)!;

        Assert.Equal("plain.threads", row.Stream.FullName);
        Assert.Equal("th_01", row.Row.Id);
        Assert.Equal("DONE", row["status"]);
        Assert.Equal(1L, row["priority"]);
        Assert.Equal("c_01", row["customer_id"]);
        Assert.Equal("Account setup", row["first_label"]);
        Assert.Equal(DateTimeOffset.Parse("2025-06-15T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), row["status_changed_at"]);
        Assert.Equal("""{"iso8601":"2025-06-14T10:00:00.000Z"}""", row.Raw.GetProperty("createdAt").GetRawText());
        Assert.Equal("""{"id":"c_01"}""", row.Raw.GetProperty("customer").GetRawText());
        Assert.Equal(JsonValueKind.Null, row.Raw.GetProperty("description").ValueKind);
    }

    [Fact]
    public void Plain_customer_deleted_soft_deletes_the_previous_customer_as_of_the_event()
    {
        var row = Map(Source("plain"), "customer.customer_deleted", """
            {"id":"pEv_02","type":"customer.customer_deleted","timestamp":"2025-06-15T11:59:59.000Z","workspaceId":"w_01",
             "payload":{"eventType":"customer.customer_deleted","previousCustomer":{"id":"c_01",
              "email":{"email":"peter@example.com","isVerified":true,"verifiedAt":"2025-01-01T00:00:00.000Z"},"externalId":"cus_1",
              "fullName":"Peter Santos","shortName":"Peter","markedAsSpamAt":null,"createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2025-01-02T00:00:00.000Z"}}}
            """)!;

        Assert.Equal("plain.customers", row.Stream.FullName);
        Assert.True(row.Row.Deleted);
        Assert.Equal("peter@example.com", row["email"]);
        Assert.Equal("cus_1", row["external_id"]);
        Assert.Equal(DateTimeOffset.Parse("2025-06-15T11:59:59Z", System.Globalization.CultureInfo.InvariantCulture), row.Row.AsOf);
        Assert.Equal("""{"email":"peter@example.com","isVerified":true,"verifiedAt":{"iso8601":"2025-01-01T00:00:00.000Z"}}""", row.Raw.GetProperty("email").GetRawText());
    }

    [Fact]
    public void Plain_timeline_and_customer_group_events_are_not_applied()
    {
        Assert.Null(Map(Source("plain"), "timeline.timeline_entry_changed", """{"id":"pEv_03","type":"timeline.timeline_entry_changed","payload":{"changeType":"ADDED"}}"""));
        Assert.Null(Map(Source("plain"), "customer.customer_group_changed", """{"id":"pEv_04","type":"customer.customer_group_changed","payload":{"customerGroup":{"id":"cg_1"}}}"""));
    }
}
