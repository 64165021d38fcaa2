using System.Globalization;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Greenhouse.Tests.Mcp;

/// <summary>What any MCP session on a warehouse synced from the sandbox (Stripe and Plain) must answer, whatever its transport.</summary>
internal static class SandboxAnswers
{
    public static readonly string[] Tools = ["check_results", "describe_table", "get_model", "list_models", "list_tables", "lookup_customer", "query", "sync_status"];

    public static async Task ListsReadOnlyToolsAsync(McpClient client)
    {
        var tools = await client.ListToolsAsync();

        Assert.Equal(Tools, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool =>
        {
            Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint, $"{tool.Name} is not marked read-only");
            Assert.True(tool.Description.Length > 100, $"{tool.Name} has no description a model can act on");
            Assert.NotNull(tool.ProtocolTool.OutputSchema);
        });
        var query = tools.Single(t => t.Name == "query").JsonSchema.GetProperty("properties");
        Assert.True(query.TryGetProperty("sql", out _));
        Assert.True(query.TryGetProperty("max_rows", out _));
    }

    public static async Task ListsTheLandedTablesAsync(McpClient client, SourceHarness harness)
    {
        var list = await McpSessions.CallAsync(client, "list_tables");
        var customers = Table(list, Unquoted(harness.Table("customers")));

        Assert.Equal("stream", customers.GetProperty("kind").GetString());
        Assert.Equal("stripe.customers", customers.GetProperty("stream").GetString());
        Assert.Equal(await LiveRowsAsync(harness, "customers"), customers.GetProperty("rows").GetInt64());
        Assert.Contains("Stripe customers", customers.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, customers.GetProperty("last_sync").ValueKind);
        Assert.StartsWith("fresh: last synced", customers.GetProperty("freshness").GetString(), StringComparison.Ordinal);
        Assert.Contains(Unquoted(harness.Table("plain", "customers")), list.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains("_gh_deleted_at IS NULL", list.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    public static async Task DescribesATableWithItsJoinsAsync(McpClient client, SourceHarness harness)
    {
        var table = await McpSessions.CallAsync(client, "describe_table", new() { ["table"] = "stripe.customers" });
        var columns = table.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        var relationships = table.GetProperty("relationships").EnumerateArray().ToList();
        var customers = Unquoted(harness.Table("customers"));

        Assert.Equal(customers, table.GetProperty("name").GetString());
        Assert.Equal("Stripe customer's email address", columns["email"].GetProperty("description").GetString());
        Assert.True(columns["email"].GetProperty("indexed").GetBoolean());
        Assert.Contains(harness.Warehouse.Kind == "postgresql" ? "timestamp" : "TEXT", columns["created"].GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(columns["_gh_deleted_at"].GetProperty("metadata").GetBoolean());
        Assert.Contains(relationships, r => r.GetProperty("kind").GetString() == "referenced_by"
            && r.GetProperty("other_table").GetString() == Unquoted(harness.Table("subscriptions")) && r.GetProperty("other_column").GetString() == "customer");
        Assert.Contains(relationships, r => r.GetProperty("kind").GetString() == "shared_values"
            && r.GetProperty("other_table").GetString() == Unquoted(harness.Table("plain", "customers")) && r.GetProperty("column").GetString() == "email");
        var samples = table.GetProperty("sample_rows").EnumerateArray().ToList();
        Assert.Equal(3, samples.Count);
        var live = await harness.LiveIdsAsync("customers");
        Assert.All(samples, s => Assert.Contains(s.GetProperty("id").GetString()!, live));

        var unknown = await McpSessions.CallRawAsync(client, "describe_table", new() { ["table"] = "stripe.nonsense" });
        Assert.True(unknown.IsError);
        Assert.Contains(customers, McpSessions.Text(unknown), StringComparison.Ordinal);
    }

    /// <summary>"How many customers does each active plan have?" — counted in the sandbox, answered by SQL through the tool.</summary>
    public static async Task AnswersAQuestionWithSqlAsync(McpClient client, SourceHarness harness)
    {
        var stripe = harness.Sandbox.Stripe.Data;
        var expected = stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id))
            .Where(s => (string?)s["status"] == "active")
            .GroupBy(s => s["items"]!["data"]![0]!["price"] is System.Text.Json.Nodes.JsonObject price ? (string)price["id"]! : (string)s["items"]!["data"]![0]!["price"]!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var answer = await McpSessions.CallAsync(client, "query", new()
        {
            ["sql"] = $"SELECT price, count(*) AS subscriptions FROM {harness.Table("subscriptions")} WHERE status = 'active' AND _gh_deleted_at IS NULL GROUP BY price ORDER BY price",
        });

        Assert.Equal(["price", "subscriptions"], answer.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var rows = answer.GetProperty("rows").EnumerateArray().ToDictionary(r => r[0].GetString()!, r => r[1].GetInt32(), StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), rows.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.False(answer.GetProperty("truncated").GetBoolean());
        Assert.False(answer.TryGetProperty("cut_by", out _), "a null is left out of the answer");
        Assert.False(answer.TryGetProperty("note", out _), "a whole answer has no note");
    }

    public static async Task SaysHowACutResultWasCutAsync(McpClient client, SourceHarness harness)
    {
        var total = await harness.CountAsync("customers");

        var answer = await McpSessions.CallAsync(client, "query", new() { ["sql"] = $"SELECT id FROM {harness.Table("customers")};", ["max_rows"] = 5 });

        Assert.Equal(5, answer.GetProperty("rows").GetArrayLength());
        Assert.True(answer.GetProperty("truncated").GetBoolean());
        Assert.Equal("max_rows", answer.GetProperty("cut_by").GetString());
        Assert.Equal(total, answer.GetProperty("total_rows").GetInt64());
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"first 5 of {total:N0} rows"), answer.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    public static async Task RefusesAWriteAndSaysWhyAsync(McpClient client, SourceHarness harness)
    {
        var before = await harness.CountAsync("customers");

        var refused = await McpSessions.CallRawAsync(client, "query", new() { ["sql"] = $"DELETE FROM {harness.Table("customers")}" });

        Assert.True(refused.IsError);
        Assert.Contains("Read-only", McpSessions.Text(refused), StringComparison.Ordinal);
        Assert.Contains("Query refused", McpSessions.Text(refused), StringComparison.Ordinal);
        Assert.Equal(before, await harness.CountAsync("customers"));
    }

    /// <summary>"Everything about this customer": lookup_customer by a Stripe customer's email in another case, against the fakes' rows.</summary>
    public static async Task TellsEverythingAboutACustomerAsync(McpClient client, SourceHarness harness)
    {
        var stripe = harness.Sandbox.Stripe.Data;
        var plain = harness.Sandbox.Plain.Data;
        var threads = plain.Ids("threads").Select(id => plain.Get("threads", id)).ToList();
        var (plainId, email) = plain.Ids("customers")
            .Select(id => (Id: id, Email: ((string?)plain.Get("customers", id)["email"]?["email"])?.Trim().ToLowerInvariant()))
            .Where(c => c.Email is not null && threads.Any(t => (string?)t["customer"]?["id"] == c.Id))
            .OrderBy(c => c.Email, StringComparer.Ordinal)
            .First();
        var stripeIds = stripe.Ids("customers").Where(id => ((string?)stripe.Get("customers", id)["email"])?.Trim().ToLowerInvariant() == email).Order(StringComparer.Ordinal).ToList();

        var answer = await McpSessions.CallAsync(client, "lookup_customer", new() { ["query"] = email!.ToUpperInvariant() });

        Assert.Equal("found", answer.GetProperty("outcome").GetString());
        var customer = answer.GetProperty("customer");
        Assert.Equal(email, customer.GetProperty("email").GetString());
        Assert.Equal(stripeIds, customer.GetProperty("ids").GetProperty("stripe_customers").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(
            threads.Where(t => (string?)t["customer"]?["id"] == plainId).Select(t => (string)t["id"]!).Order(StringComparer.Ordinal),
            customer.GetProperty("plain").GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.True(customer.GetProperty("timeline").GetArrayLength() > 0);
    }

    public static async Task ReportsSyncStatusAsync(McpClient client, SourceHarness harness)
    {
        var status = await McpSessions.CallAsync(client, "sync_status");
        var customers = status.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "stripe.customers");

        Assert.Equal("succeeded", customers.GetProperty("last_status").GetString());
        Assert.Equal(Unquoted(harness.Table("customers")), customers.GetProperty("table").GetString());
        Assert.Equal(await LiveRowsAsync(harness, "customers"), customers.GetProperty("rows").GetInt64());
        Assert.False(customers.GetProperty("stale").GetBoolean());
    }

    public static async Task GivesTheMapOfTheWarehouseAsync(McpClient client, SourceHarness harness)
    {
        var resources = await client.ListResourcesAsync();
        Assert.Contains(resources, r => r.Uri == "greenhouse://warehouse/map");

        var map = await client.ReadResourceAsync("greenhouse://warehouse/map");
        var text = Assert.IsType<TextResourceContents>(Assert.Single(map.Contents)).Text;

        Assert.Contains("_gh_deleted_at IS NULL", text, StringComparison.Ordinal);
        Assert.Contains($"### `{Unquoted(harness.Table("subscriptions"))}`", text, StringComparison.Ordinal);
        Assert.Contains($"`customer` (text, → `{Unquoted(harness.Table("customers"))}.id`): the id of the subscribed customer", text, StringComparison.Ordinal);
        var prompt = await client.GetPromptAsync("explore_warehouse");
        Assert.Contains("_gh_deleted_at IS NULL", string.Concat(prompt.Messages.Select(m => (m.Content as TextContentBlock)?.Text)), StringComparison.Ordinal);
    }

    private static JsonElement Table(JsonElement list, string name) =>
        list.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    private static string Unquoted(string sql) => sql.Replace("\"", "", StringComparison.Ordinal);

    private static async Task<long> LiveRowsAsync(SourceHarness harness, string stream) => (await harness.LiveIdsAsync(stream)).Count;
}
