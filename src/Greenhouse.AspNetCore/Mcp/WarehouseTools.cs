using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Greenhouse.Catalog;
using Greenhouse.Config;
using Greenhouse.Customers;
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
internal sealed class WarehouseTools(CatalogService catalog, ModelCatalog models, CustomerService customers)
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
        (its freshness limits: warn_after, error_after), live rows, and its last run's status and error. Call it when numbers look old or a table is empty,
        and say so in your answer when the data you used is stale.
        """)]
    public Task<SyncStatusReport> SyncStatusAsync(CancellationToken cancellationToken) =>
        AnswerAsync(() => catalog.SyncStatusAsync(cancellationToken));

    [McpServerTool(Name = "list_models", Title = "List the modelled tables", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Lists the transform project's models and seeds (the business's cleaned and joined tables, built from the landed
        ones): the relation to query, how it is materialised, its description, its lineage (parents and children by
        unique id, sources as source.<project>.<source>.<table>), its last build, and its data tests with how each last
        ended (succeeded = passed; failed or warned with rows = its failing rows). Prefer a model over raw tables when
        one answers the question, and say so when a test on it is failing.
        """)]
    public Task<ModelList> ListModelsAsync(CancellationToken cancellationToken) =>
        AnswerAsync(() => models.ListModelsAsync(cancellationToken));

    [McpServerTool(Name = "get_model", Title = "Describe one model", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Describes one model or seed: everything list_models says of it, its file in the project, its documented columns,
        and its SQL compiled for this warehouse (what a build runs), so you can see exactly how a number is computed.
        """)]
    public Task<ModelDetail> GetModelAsync(
        [Description("The model: its name (fct_mrr), unique id (model.shop.fct_mrr) or relation from list_models")] string model,
        CancellationToken cancellationToken) =>
        AnswerAsync(() => models.GetModelAsync(model, cancellationToken));

    [McpServerTool(Name = "check_results", Title = "Show failing checks", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Lists the business's checks (queries that find what slipped: an issue overdue, a discount without a note, a
        failing data test), failing ones first: each one's description, severity, last status (pass, warn, error,
        runtime error), since when it fails, and its open offending rows with when each was first seen. Call it when
        asked what needs attention or whether the data can be trusted.
        """)]
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "MCP argument names are snake_case; the parameter's name is the argument's.")]
    public Task<CheckReport> CheckResultsAsync(
        [Description("Only this check, by name (default: all)")] string? check = null,
        [Description("The most open rows to return per check (default 20, at most 1,000)")] int? max_rows = null,
        CancellationToken cancellationToken = default) =>
        AnswerAsync(() => max_rows is < 1 or > 1000
            ? throw new CatalogException($"max_rows must be between 1 and 1,000; it was {max_rows}.")
            : catalog.CheckResultsAsync(check, max_rows ?? 20, cancellationToken));

    [McpServerTool(Name = "lookup_customer", Title = "Look up one customer", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("""
        Everything the warehouse knows about one person (a customer, a subscriber, a user), found by email (any case),
        name or any vendor id: a Stripe customer id (cus_…), a Plain customer id, a Buttondown subscriber id, a Linear user
        id or a GitHub login. 'outcome' says how it went: 'found' (then 'customer' holds their Stripe customers,
        subscriptions with status, invoices, charges and refunds (amounts in minor units), lifetime value per currency
        and in the reporting currency when the project models it, Plain support threads, Buttondown subscriber state,
        GitHub issues and pull requests they opened, Linear issues they requested, and one 'timeline' across all of them,
        newest first), 'ambiguous' ('candidates' lists who matched: call again with one's email) or 'not_found'
        ('message' says where it looked). Use it for "tell me about this customer" instead of writing joins; 'notes'
        says what was cut and how links were made.
        """)]
    public Task<CustomerLookup> LookupCustomerAsync(
        [Description("An email address, a name (or part of one), or a vendor id: cus_…, a Plain or Buttondown id, a Linear user id, a GitHub login")] string query,
        CancellationToken cancellationToken) =>
        AnswerAsync(() => customers.LookupAsync(query, cancellationToken));

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
