using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Mcp;

/// <summary><c>serve</c>'s <c>/mcp</c> over streamable HTTP on 127.0.0.1: a bearer token from <c>greenhouse token add</c>, or 401.</summary>
public sealed class McpHttpTests
{
    private const string Initialize = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}
        """;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_client_with_a_token_reads_the_warehouse_over_http_and_cannot_write(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe, SandboxVendor.Plain], kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var token = await McpSessions.AddTokenAsync(harness, "claude");
        var (app, address) = await McpSessions.ServeAsync(harness);
        await using var _ = app;

        await using var client = await McpSessions.HttpAsync(address, token.Token);

        Assert.Equal("greenhouse", client.ServerInfo?.Name);
        await SandboxAnswers.ListsReadOnlyToolsAsync(client);
        await SandboxAnswers.ListsTheLandedTablesAsync(client, harness);
        await SandboxAnswers.DescribesATableWithItsJoinsAsync(client, harness);
        await SandboxAnswers.AnswersAQuestionWithSqlAsync(client, harness);
        await SandboxAnswers.SaysHowACutResultWasCutAsync(client, harness);
        await SandboxAnswers.RefusesAWriteAndSaysWhyAsync(client, harness);
        await SandboxAnswers.ReportsSyncStatusAsync(client, harness);
        await SandboxAnswers.TellsEverythingAboutACustomerAsync(client, harness);
        await SandboxAnswers.GivesTheMapOfTheWarehouseAsync(client, harness);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_missing_unknown_expired_or_revoked_token_is_refused_with_401(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var lastWeek = new ManualClock(DateTimeOffset.UtcNow.AddDays(-7));
        var expired = await McpSessions.AddTokenAsync(harness, "old-laptop", TimeSpan.FromDays(1), lastWeek);
        var revoked = await McpSessions.AddTokenAsync(harness, "metabase");
        var valid = await McpSessions.AddTokenAsync(harness, "claude", TimeSpan.FromDays(30));
        await using (var warehouse = harness.Warehouse.Open())
        {
            Assert.True(await new Greenhouse.Access.TokenService(warehouse).RevokeAsync("metabase"));
        }

        var (app, address) = await McpSessions.ServeAsync(harness);
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = address };

        var missing = await PostAsync(http, null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer realm=\"greenhouse\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Contains("greenhouse token add", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var (token, why) in new[] { ("gh_not-a-token", "is not known"), (expired.Token, "'old-laptop' expired"), (revoked.Token, "'metabase' was revoked") })
        {
            var refused = await PostAsync(http, token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var challenge = refused.Headers.WwwAuthenticate.ToString();
            Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
            Assert.Contains(why, challenge, StringComparison.Ordinal);
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => McpSessions.HttpAsync(address, expired.Token));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, valid.Token)).StatusCode);
        await using var client = await McpSessions.HttpAsync(address, valid.Token);
        Assert.Equal(SandboxAnswers.Tools.Length, (await client.ListToolsAsync()).Count);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
