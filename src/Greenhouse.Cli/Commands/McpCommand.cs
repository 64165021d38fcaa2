using System.CommandLine;
using Greenhouse.Serve.Mcp;

namespace Greenhouse.Cli.Commands;

/// <summary><c>greenhouse mcp</c>: the MCP server over stdio for a desktop LLM client (stdout is the protocol; logs and errors go to stderr).</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var command = new Command("mcp", "Serve the warehouse read-only to an LLM client over MCP on stdin/stdout (list_tables, describe_table, query, sync_status)");
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await McpStdioHost.RunAsync(CommonOptions.LoadConfig(parseResult), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
