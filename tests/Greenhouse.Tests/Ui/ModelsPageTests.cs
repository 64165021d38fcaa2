using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>
/// The models page in headless Chromium: the DAG drawn left to right with each node coloured by its last build, a
/// model's compiled SQL, columns and tests, the sources with their columns, and an admin's "Build now".
/// </summary>
public sealed class ModelsPageTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_dag_shows_each_build_a_model_shows_its_sql_and_tests_and_an_admin_builds_now()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var models = Path.Combine(harness.Directory, "transform", "models");
        Directory.CreateDirectory(models);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "transform", "dbt_project.yml"), "name: shop\n");
        await File.WriteAllTextAsync(Path.Combine(models, "stg_customers.sql"), "select id, email, created from {{ source('stripe', 'customers') }}");
        await File.WriteAllTextAsync(Path.Combine(models, "customer_count.sql"), "{{ config(materialized='table') }}\nselect count(*) as n from {{ ref('stg_customers') }}");
        await File.WriteAllTextAsync(Path.Combine(models, "broken.sql"), "select no_such_column from {{ ref('stg_customers') }}");
        await File.WriteAllTextAsync(Path.Combine(models, "after_broken.sql"), "select * from {{ ref('broken') }}");
        await File.WriteAllTextAsync(Path.Combine(models, "schema.yml"), """
            version: 2
            models:
              - name: customer_count
                description: How many customers Stripe holds
                columns:
                  - name: n
                    description: The number of customers
                    data_tests: [not_null]
            sources:
              - name: stripe
                tables:
                  - name: customers
                    description: Everyone who ever paid us
                    columns:
                      - name: email
                        description: Where the receipts go
            """);
        harness.WriteConfig(top: "transform: ./transform");
        await harness.SyncAsync();
        var build = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "transform", "build");
        Assert.True(build.ExitCode == 1, build.Stdout + build.Stderr);
        await UiBrowser.AddUserAsync(harness, "admin@example.com", "admin", Password);
        await UiBrowser.AddUserAsync(harness, "viewer@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(The_dag_shows_each_build_a_model_shows_its_sql_and_tests_and_an_admin_builds_now), async () =>
        {
            await ui.LogInAsync("viewer@example.com", Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Models", Exact = true }).ClickAsync();
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Build now" }).CountAsync());
            var dag = page.Locator("figure.dag svg");
            Assert.StartsWith("The DAG of project shop: 1 sources, 4 models", await dag.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);

            // Each node coloured by its last build, and each sits right of what it reads.
            async Task<(string Class, double X)> NodeAsync(string id)
            {
                var node = page.Locator($"a.node[data-node='{id}']");
                return (await node.GetAttributeAsync("class") ?? "", double.Parse(await node.Locator("rect").GetAttributeAsync("x") ?? "", System.Globalization.CultureInfo.InvariantCulture));
            }

            var source = await NodeAsync("source.shop.stripe.customers");
            var staging = await NodeAsync("model.shop.stg_customers");
            var count = await NodeAsync("model.shop.customer_count");
            var broken = await NodeAsync("model.shop.broken");
            var after = await NodeAsync("model.shop.after_broken");
            Assert.Equal("node source source", source.Class);
            Assert.Equal("node model ok", staging.Class);
            Assert.Equal("node model ok", count.Class);
            Assert.Equal("node model error", broken.Class);
            Assert.Equal("node model warn", after.Class);
            Assert.True(source.X < staging.X && staging.X < count.X && staging.X < broken.X && broken.X < after.X, $"{source.X} {staging.X} {count.X} {broken.X} {after.X}");
            Assert.Equal(count.X, broken.X);
            Assert.Equal(1, await page.Locator("path.edge[data-from='model.shop.stg_customers'][data-to='model.shop.customer_count']").CountAsync());
            Assert.Equal(4, await page.Locator("path.edge").CountAsync());
            Assert.Contains("error", await page.Locator("tr[data-model='broken']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Contains("1 passed", await page.Locator("tr[data-model='customer_count']").InnerTextAsync(), StringComparison.Ordinal);

            // Sources with their columns, the project's descriptions over the connector's.
            var customers = page.Locator("details[data-source='stripe.customers']");
            await customers.Locator("summary").ClickAsync();
            Assert.Contains("Everyone who ever paid us", await customers.Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Where the receipts go", await customers.Locator("tr", new() { HasText = "email" }).First.InnerTextAsync(), StringComparison.Ordinal);

            // A model's page: its SQL compiled for this warehouse, its columns and tests, and links along its lineage.
            await page.Locator("a.node[data-node='model.shop.customer_count']").ClickAsync();
            Assert.Equal("customer_count", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.Contains("succeeded", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            var sql = await page.GetByLabel("Compiled SQL of customer_count").InnerTextAsync();
            Assert.Contains("select count(*) as n from \"analytics_stg_customers\"", sql, StringComparison.Ordinal);
            Assert.Contains("The number of customers", await page.Locator("#columns-title + table").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("succeeded", await page.Locator("tr[data-test='not_null_customer_count_n']").InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByRole(AriaRole.Link, new() { Name = "stg_customers", Exact = true }).ClickAsync();
            Assert.Equal("stg_customers", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            await page.GotoAsync("/models/customer_cuont");
            Assert.Contains("Did you mean 'customer_count'?", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            // A viewer's forged build is refused; an admin's click builds, recorded as started from the UI.
            var token = await page.Locator("form.logout input[name='__RequestVerificationToken']").GetAttributeAsync("value");
            var forged = await ui.Context.APIRequest.PostAsync(ModelEndpoints.BuildPath, new() { Form = ui.Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!) });
            Assert.EndsWith("/denied", new Uri(forged.Url).AbsolutePath, StringComparison.Ordinal);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await ui.LogInAsync("admin@example.com", Password);
            await page.GotoAsync("/models");
            await page.GetByRole(AriaRole.Button, new() { Name = "Build now" }).ClickAsync();
            Assert.Contains("A build started", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
            var runs = harness.MetaTable("_gh_runs");
            for (var i = 0; i < 60 && await harness.ScalarAsync<long>($"SELECT COUNT(*) FROM {runs} WHERE trigger = 'ui' AND finished_at IS NOT NULL") == 0; i++)
            {
                await Task.Delay(500);
            }

            Assert.Equal(1, await harness.ScalarAsync<long>($"SELECT COUNT(*) FROM {runs} WHERE trigger = 'ui' AND finished_at IS NOT NULL"));
        });
    }
}
