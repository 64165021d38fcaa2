using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>The runs and checks pages in headless Chromium: every run with its streams' counts, each check with its open rows.</summary>
public sealed class RunsAndChecksTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Runs_show_their_streams_counts_and_a_failing_check_shows_its_open_rows()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var first = await harness.SyncAsync();
        var second = await harness.SyncAsync();
        Directory.CreateDirectory(Path.Combine(harness.Directory, "checks"));
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "checks", "customers.yml"), """
            checks:
              customers_named_a:
                description: Customers whose email starts with a
                sql: select id, email from {{ source('stripe', 'customers') }} where email like 'a%'
                key: id
                severity: warn
                message: "{{ email }} ({{ id }})"
            """);
        var checkRun = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "check", "run");
        Assert.True(checkRun.ExitCode == 0, checkRun.Stderr);
        var offenders = await harness.QueryAsync($"SELECT id, email FROM {harness.Table("customers")} WHERE email LIKE 'a%' ORDER BY id");
        Assert.NotEmpty(offenders.Rows);
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(Runs_show_their_streams_counts_and_a_failing_check_shows_its_open_rows), async () =>
        {
            await ui.LogInAsync("ada@example.com", Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
            Assert.Equal([$"{second.RunId}", $"{first.RunId}"], await page.Locator("tr[data-run]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.run)"));
            await page.GetByRole(AriaRole.Link, new() { Name = $"{first.RunId}", Exact = true }).ClickAsync();
            Assert.Equal($"Run {first.RunId}", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            var customers = page.Locator("tr[data-stream='stripe.customers'] td.number").First;
            Assert.Equal($"{harness.Stream(first, "customers").Counts.New}", await customers.InnerTextAsync());

            // The failing check is on the health page and links to its rows.
            await page.GetByRole(AriaRole.Link, new() { Name = "Health" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "customers_named_a" }).ClickAsync();
            Assert.Equal("Check customers_named_a", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.StartsWith($"warn: {offenders.Rows.Count:N0} open row(s)", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            var rows = await page.Locator("table.open-rows tbody tr td:first-child").AllInnerTextsAsync();
            Assert.Equal(offenders.Rows.Select(r => $"{r[1]} ({r[0]})").Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));

            await page.GetByRole(AriaRole.Link, new() { Name = "All checks" }).ClickAsync();
            Assert.Contains("warn", await page.Locator("tr[data-check='customers_named_a']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            await page.GotoAsync("/checks/no_such_check");
            Assert.Contains("no_such_check", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        });
    }
}
