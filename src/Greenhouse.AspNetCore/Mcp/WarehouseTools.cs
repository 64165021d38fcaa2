using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Greenhouse.Catalog;
using Greenhouse.Config;
using Greenhouse.Warehouse;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Greenhouse.Serve.Mcp;

/// <summary>
/// The MCP tools: thin faces over <see cref="CatalogService"/> (which reads through the same query and status services
/// as <c>greenhouse query</c> and <c>status</c>). Every tool only reads; a refused or failing request answers an error
/// result whose text says why, so the model can correct itself.
/// </summary>
[McpServerToolType]
internal sealed class WarehouseTools(CatalogService catalog)
{
    [McpServerTool(Name = "list_tables", Title = "List the warehouse's tables", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Lists every table you can query: the landed tables (one per synced stream of a SaaS source such as Stripe, GitHub,
        Linear), with what a row is, how many live rows there are, when it last synced and whether it is stale; then the
        modelled tables and views (schema analytics) when the project has built any. Start here to find which table answers
        a question, then call describe_table for its columns. Use each 'name' exactly as given in SQL.
        """)]
    public Task<TableList> ListTablesAsync(CancellationToken cancellationToken) =>
        AnswerAsync(() => catalog.ListTablesAsync(cancellationToken));

    [McpServerTool(Name = "describe_table", Title = "Describe one table", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Describes one table: each column's SQL type and meaning, which columns are indexed (good to filter and join on),
        the primary key, how it joins other tables (foreign ids, and values such as emails shared across sources, with the
        join condition), the metadata columns (_gh_*), and a few live sample rows. Call it before writing SQL against a table.
        """)]
    public Task<TableDescription> DescribeTableAsync(
        [Description("The table: its name from list_tables (e.g. raw.stripe_customers), or the stream (e.g. stripe.customers)")] string table,
        CancellationToken cancellationToken) =>
        AnswerAsync(() => catalog.DescribeTableAsync(table, cancellationToken));

    [McpServerTool(Name = "query", Title = "Run read-only SQL", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Runs one read-only SQL statement (SELECT or WITH … SELECT) against the warehouse and returns its columns, their types
        and rows (each row an array in column order). The database refuses any write, and the error says why. At most
        max_rows rows (default 100) and a bounded answer size come back: 'truncated', 'cut_by' and 'note' say whether and how
        it was cut ("first 100 of 48,210 rows"), so aggregate in SQL (count, sum, group by) rather than reading raw rows.
        Stream tables keep deleted records: add WHERE _gh_deleted_at IS NULL. The SQL dialect is the warehouse's
        (PostgreSQL or SQLite; list_tables says which); fields without a column are read with _gh_raw ->> 'field'.
        """)]
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "MCP argument names are snake_case; the parameter's name is the argument's.")]
    public Task<QueryAnswer> QueryAsync(
        [Description("One SQL statement that only reads")] string sql,
        [Description("The most rows to return (default 100, at most 10,000)")] int? max_rows = null,
        CancellationToken cancellationToken = default) =>
        AnswerAsync(() => catalog.QueryAsync(sql, max_rows, cancellationToken));

    [McpServerTool(Name = "sync_status", Title = "Show sync freshness", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Per configured stream: its table, when it last synced successfully, how stale it is against its limit
        (max_staleness), live rows, and its last run's status and error. Call it when numbers look old or a table is empty,
        and say so in your answer when the data you used is stale.
        """)]
    public Task<SyncStatusReport> SyncStatusAsync(CancellationToken cancellationToken) =>
        AnswerAsync(() => catalog.SyncStatusAsync(cancellationToken));

    /// <summary>Turns the errors a caller can act on into a tool error whose message reaches the model (the SDK hides other exceptions' messages).</summary>
    private static async Task<T> AnswerAsync<T>(Func<Task<T>> answer)
    {
        try
        {
            return await answer();
        }
        catch (WarehouseException e) when (e.WriteRefused)
        {
            throw new McpException($"Read-only: these tools cannot change data, and nothing was changed. {Secrets.Redact(e.Message)}", e);
        }
        catch (Exception e) when (e is CatalogException or WarehouseException)
        {
            throw new McpException(Secrets.Redact(e.Message), e);
        }
    }
}
