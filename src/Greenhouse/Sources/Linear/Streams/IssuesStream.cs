using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class IssuesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "issues",
        "Linear issues of every team, archived ones included",
        """
        id identifier title description priority estimate dueDate url
        createdAt updatedAt startedAt completedAt canceledAt archivedAt
        state { id name type } assignee { id name email } creator { id email }
        labels { nodes { id name } } project { id name } cycle { id number } team { id key }
        """,
        [
            new("identifier", ColumnType.Text) { Description = "the issue's human-readable id, team key and number (ENG-123)" },
            new("title", ColumnType.Text) { Description = "the issue's title" },
            new("state_name", ColumnType.Text, "state.name") { Description = "the name of the issue's workflow state (In Progress)" },
            new("state_type", ColumnType.Text, "state.type") { Description = "the type of the workflow state: triage, backlog, unstarted, started, completed or canceled" },
            new("assignee_id", ColumnType.Text, "assignee.id") { References = "users", Description = "the id of the user the issue is assigned to" },
            new("assignee_email", ColumnType.Text, "assignee.email") { Indexed = true, Description = "the email address of the assignee" },
            new("first_label", ColumnType.Text, "labels.nodes.0.name") { Description = "the name of the issue's first label" },
            new("description", ColumnType.Text) { Description = "the issue's description in Markdown" },
            new("due_date", ColumnType.Text, "dueDate") { Description = "the issue's due date (YYYY-MM-DD)" },
            new("project_id", ColumnType.Text, "project.id") { References = "projects", Description = "the id of the issue's project" },
            new("cycle_id", ColumnType.Text, "cycle.id") { References = "cycles", Description = "the id of the cycle the issue is in" },
            new("team_key", ColumnType.Text, "team.key") { Indexed = true, Description = "the key of the issue's team (ENG)" },
            new("estimate", ColumnType.Decimal) { Description = "the issue's estimate in the team's estimation points" },
            new("priority", ColumnType.Integer) { Description = "0 no priority, 1 urgent, 2 high, 3 medium, 4 low" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the issue was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the issue last changed" },
            new("completed_at", ColumnType.Timestamp, "completedAt") { Description = "when the issue was completed" },
            new("canceled_at", ColumnType.Timestamp, "canceledAt") { Description = "when the issue was canceled" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the issue was archived" },
        ]);
}
