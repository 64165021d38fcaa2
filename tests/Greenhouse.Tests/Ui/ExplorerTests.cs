using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>The SQL explorer in headless Chromium: a query to a table and a chart, a write refused, CSV, the schema beside it.</summary>
public sealed class ExplorerTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_query_runs_read_only_to_a_table_and_a_chart_and_a_write_changes_nothing(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;
        var customers = harness.Table("customers");
        var count = await harness.CountAsync("customers");

        await ui.RunAsync(nameof(A_query_runs_read_only_to_a_table_and_a_chart_and_a_write_changes_nothing) + kind, async () =>
        {
            await ui.LogInAsync("ada@example.com", Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "SQL explorer" }).ClickAsync();
            Assert.Contains(await page.Locator("aside.schema summary").AllInnerTextsAsync(), s => s.Contains(customers.Replace("\"", ""), StringComparison.Ordinal)
                || s.Contains("stripe_customers", StringComparison.Ordinal));

            // Ctrl+Enter runs it; one number is drawn large.
            await page.GetByLabel("SQL (read-only; Ctrl+Enter runs it)").FillAsync($"SELECT COUNT(*) AS customers FROM {customers}");
            await page.GetByLabel("SQL (read-only; Ctrl+Enter runs it)").PressAsync("Control+Enter");
            await page.WaitForURLAsync("**/explorer?sql=*");
            Assert.Equal("number", await page.Locator("figure.chart").GetAttributeAsync("data-chart"));
            Assert.Equal($"customers: {count:N0}", await page.Locator("figure.chart svg").GetAttributeAsync("aria-label"));
            Assert.Equal("1 row.", await page.GetByRole(AriaRole.Status).InnerTextAsync());

            // A category and a number: bars (or a pie for a few), and the rows in the table.
            await page.GetByLabel("SQL (read-only; Ctrl+Enter runs it)").FillAsync($"SELECT currency, COUNT(*) AS n FROM {customers} GROUP BY currency ORDER BY currency");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
            var currencies = await harness.QueryAsync($"SELECT currency, COUNT(*) FROM {customers} GROUP BY currency ORDER BY currency");
            Assert.Equal(currencies.Rows.Count, await page.Locator("table.results tbody tr").CountAsync());
            Assert.Equal(currencies.Rows.Count <= ChartPlan.MaxPieSlices ? "pie" : "bar", await page.Locator("figure.chart").GetAttributeAsync("data-chart"));
            await page.GetByLabel("Chart", new() { Exact = true }).SelectOptionAsync("bar");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
            Assert.Equal("bar", await page.Locator("figure.chart").GetAttributeAsync("data-chart"));
            Assert.Equal(currencies.Rows.Count, await page.Locator("figure.chart rect.bar").CountAsync());

            // Dates and a number: a line, in time order (the chart picked again, not kept at bar).
            await page.GetByLabel("Chart", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByLabel("SQL (read-only; Ctrl+Enter runs it)").FillAsync("SELECT '2024-03-01' AS day, 5 AS n UNION ALL SELECT '2024-01-01', 3 UNION ALL SELECT '2024-02-01', 4");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
            Assert.Equal("line", await page.Locator("figure.chart").GetAttributeAsync("data-chart"));
            Assert.Equal(["2024-01-01: 3", "2024-02-01: 4", "2024-03-01: 5"], await page.Locator("figure.chart circle title").AllTextContentsAsync());

            // A write is refused by the database and says so; nothing changed.
            await page.GetByLabel("SQL (read-only; Ctrl+Enter runs it)").FillAsync($"DELETE FROM {customers}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
            Assert.False(string.IsNullOrWhiteSpace(await page.GetByRole(AriaRole.Alert).InnerTextAsync()));
            Assert.Equal(count, await harness.CountAsync("customers"));

            // CSV of the same query, behind the login.
            var csv = await ui.Context.APIRequest.GetAsync($"/explorer/csv?sql={Uri.EscapeDataString($"SELECT id, email FROM {customers} ORDER BY id")}");
            Assert.Equal(200, csv.Status);
            var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("id,email", lines[0]);
            Assert.Equal(count, lines.Length - 1);
        });

        await using var anonymous = await ui.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = ui.Address.ToString() });
        var refused = await anonymous.APIRequest.GetAsync($"/explorer/csv?sql={Uri.EscapeDataString($"SELECT * FROM {customers}")}", new() { MaxRedirects = 0 });
        Assert.Equal(302, refused.Status);
        Assert.Contains("/login", refused.Headers["location"], StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_are_picked_from_the_results_shape_and_labels_are_escaped()
    {
        QueryResult Result(string[] columns, params object?[][] rows) => new(columns, [.. columns.Select(_ => "")], rows);

        Assert.Equal(ChartKind.Number, ChartPlan.For(Result(["n"], [42L])).Kind);
        Assert.Equal(ChartKind.Line, ChartPlan.For(Result(["day", "n"], ["2024-01-02", 1L], ["2024-01-01", 2L])).Kind);
        Assert.Equal(["2024-01-01", "2024-01-02"], ChartPlan.For(Result(["day", "n"], ["2024-01-02", 1L], ["2024-01-01", 2L])).Points.Select(p => p.Label));
        Assert.Equal(ChartKind.Pie, ChartPlan.For(Result(["plan", "n"], ["a", 1L], ["b", 2L])).Kind);
        Assert.Equal(ChartKind.Bar, ChartPlan.For(Result(["plan", "n"], ["a", 1L], ["b", 2L], ["c", 3L], ["d", 4L], ["e", 5L])).Kind);
        Assert.Equal(ChartKind.Bar, ChartPlan.For(Result(["plan", "n"], ["a", -1L], ["b", 2L])).Kind);
        Assert.Equal(ChartKind.None, ChartPlan.For(Result(["name"], ["a"])).Kind);
        var chosen = ChartPlan.For(Result(["a", "b", "c"], ["x", 1L, 10L], ["y", 2L, 20L]), ChartKind.Bar, "a", "b");
        Assert.Equal((1, 0), (chosen.Y, chosen.X));
        var svg = ChartSvg.Render(ChartPlan.For(Result(["plan", "n"], ["<script>", 1L], ["b", 2L])), ["plan", "n"]).Value;
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Equal("<span class=\"sql-keyword\">SELECT</span> <span class=\"sql-string\">&#39;a&lt;b&#39;</span>", SqlHighlight.Render("SELECT 'a<b'").Value);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_viewer_reads_the_models_but_not_the_raw_tables(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var schema = harness.Warehouse.ModelSchema();
        var models = Path.Combine(harness.Directory, "transform", "models");
        Directory.CreateDirectory(models);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "transform", "dbt_project.yml"), "name: shop\n");
        await File.WriteAllTextAsync(Path.Combine(models, "stg_customers.sql"), "select id, email from {{ source('stripe', 'customers') }}");
        var modelReader = "";
        string? role = null;
        if (kind == "postgresql")
        {
            role = "gh_models_" + Guid.NewGuid().ToString("N")[..8];
            await using var owner = harness.Warehouse.Open();
            await ((IReaderGrants)owner).GrantReaderAsync(role, Greenhouse.Tests.Warehouse.ReadPath.Password, modelsOnly: true);
            modelReader = $"\nmodel_reader: '{Greenhouse.Tests.Warehouse.ReadPath.ConnectionStringFor(role)}'";
        }

        harness.WriteConfig(top: $"transform: {{project: ./transform, schema: {schema}}}{modelReader}");
        await harness.SyncAsync();
        var build = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "transform", "build");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        await UiBrowser.AddUserAsync(harness, "viewer@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;
        var customers = harness.Table("customers");
        var staging = harness.Warehouse.Open().ModelRelation(schema, "stg_customers").Sql;

        try
        {
            await ui.RunAsync(nameof(A_viewer_reads_the_models_but_not_the_raw_tables) + kind, async () =>
            {
                await ui.LogInAsync("viewer@example.com", Password);
                await page.GotoAsync("/explorer");
                var tables = await page.Locator("aside.schema summary").AllInnerTextsAsync();
                Assert.Contains(tables, t => t.Contains("stg_customers", StringComparison.Ordinal));
                Assert.DoesNotContain(tables, t => t.Contains("stripe_customers", StringComparison.Ordinal));

                await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString($"SELECT COUNT(*) AS n FROM {staging}")}");
                Assert.Equal($"n: {await harness.CountAsync("customers"):N0}", await page.Locator("figure.chart svg").GetAttributeAsync("aria-label"));
                await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString($"SELECT email FROM {customers}")}");
                Assert.Contains("this login reads only the modelled", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
                var csv = await ui.Context.APIRequest.GetAsync($"/explorer/csv?sql={Uri.EscapeDataString($"SELECT * FROM {harness.MetaTable("_gh_users")}")}");
                Assert.Equal(400, csv.Status);
                Assert.Contains("reads only the modelled", await csv.TextAsync(), StringComparison.Ordinal);
            });
        }
        finally
        {
            if (role is not null)
            {
                await ui.DisposeAsync();
                await PostgresRoles.DropAsync(role);
            }
        }
    }
}
