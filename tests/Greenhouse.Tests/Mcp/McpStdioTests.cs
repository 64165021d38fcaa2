using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Mcp;

/// <summary><c>greenhouse mcp</c> as a desktop client runs it: a child process speaking MCP on stdin/stdout, on a warehouse synced from the sandbox.</summary>
public sealed class McpStdioTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_desktop_client_over_stdio_reads_the_warehouse_and_cannot_write(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe, SandboxVendor.Plain], kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var stderr = new List<string>();

        await using var client = await McpSessions.StdioAsync(harness, stderr);

        Assert.Equal("greenhouse", client.ServerInfo?.Name);
        Assert.Contains("list_tables", client.ServerInstructions, StringComparison.Ordinal);
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

    [Fact]
    public async Task On_a_config_never_synced_the_tools_say_what_to_run_and_create_no_warehouse()
    {
        var directory = Directory.CreateTempSubdirectory("gh-mcp-").FullName;
        try
        {
            Assert.Equal(0, (await Infrastructure.Cli.RunAsync(directory, null, "init")).ExitCode);
            var transport = new ModelContextProtocol.Client.StdioClientTransport(new ModelContextProtocol.Client.StdioClientTransportOptions
            {
                Name = "greenhouse",
                Command = "dotnet",
                Arguments = [Infrastructure.Cli.DllPath, "mcp"],
                WorkingDirectory = directory,
            });
            await using (var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport))
            {
                foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
                {
                    ("list_tables", []), ("describe_table", new() { ["table"] = "stripe.customers" }), ("query", new() { ["sql"] = "SELECT 1" }),
                    ("check_results", []), ("sync_status", []), ("lookup_customer", new() { ["query"] = "ada@example.com" }),
                })
                {
                    var result = await McpSessions.CallRawAsync(client, tool, arguments);

                    Assert.True(result.IsError, $"{tool}: {McpSessions.Text(result)}");
                    Assert.Contains("no warehouse at ", McpSessions.Text(result), StringComparison.Ordinal);
                    Assert.Contains("greenhouse sync", McpSessions.Text(result), StringComparison.Ordinal);
                }
            }

            Assert.Equal(["greenhouse.yml"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_config_it_cannot_load_is_reported_on_stderr_and_stdout_stays_empty()
    {
        var directory = Directory.CreateTempSubdirectory("gh-mcp-").FullName;
        try
        {
            var result = await Infrastructure.Cli.RunAsync(directory, null, "mcp", "--config", "missing.yml");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Contains("missing.yml", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
