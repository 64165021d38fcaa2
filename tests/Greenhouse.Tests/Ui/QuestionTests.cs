using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>Saved questions and dashboards in headless Chromium: save from the explorer, put one question on two dashboards, edit it once, see both change.</summary>
public sealed class QuestionTests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_question_on_two_dashboards_shows_its_edit_on_both(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;
        var customers = harness.Table("customers");
        var count = await harness.CountAsync("customers");

        await ui.RunAsync(nameof(A_question_on_two_dashboards_shows_its_edit_on_both) + kind, async () =>
        {
            await ui.LogInAsync("ada@example.com", Password);
            await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString($"SELECT currency, COUNT(*) AS n FROM {customers} GROUP BY currency ORDER BY currency")}");
            await page.GetByLabel("Save as question").FillAsync("Customers per currency");
            await page.GetByLabel("in", new() { Exact = true }).FillAsync("Core dashboards");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            Assert.Equal("Customers per currency", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            var questionUrl = page.Url;
            Assert.Contains("In Core dashboards · saved by ada@example.com", await page.Locator("p.summary").First.InnerTextAsync(), StringComparison.Ordinal);

            // The same name again is refused, saying why.
            await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString("SELECT 1 AS one")}");
            await page.GetByLabel("Save as question").FillAsync("Customers per currency");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            Assert.Contains("exists already", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            foreach (var board in new[] { "Board A", "Board B" })
            {
                await page.GotoAsync("/dashboards");
                await page.GetByLabel("Name").FillAsync(board);
                await page.GetByRole(AriaRole.Button, new() { Name = "Make dashboard" }).ClickAsync();
                Assert.Equal(board, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
                await page.GotoAsync(questionUrl);
                await page.GetByRole(AriaRole.Button, new() { Name = $"Add to {board}" }).ClickAsync();
                Assert.Equal(1, await page.Locator("section.card").CountAsync());
                Assert.Equal("Customers per currency", await page.Locator("section.card h2").InnerTextAsync());
                Assert.NotEqual("number", await page.Locator("section.card figure.chart").GetAttributeAsync("data-chart"));
            }

            // One edit of the question shows on both dashboards.
            await page.GotoAsync(questionUrl);
            await page.GetByText("Edit").ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Customer count");
            await page.GetByLabel("SQL", new() { Exact = true }).FillAsync($"SELECT COUNT(*) AS customers FROM {customers}");
            await page.GetByLabel("Chart", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            Assert.Equal("Customer count", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            await page.GotoAsync("/dashboards");
            foreach (var board in new[] { "Board A", "Board B" })
            {
                await page.GotoAsync("/dashboards");
                await page.GetByRole(AriaRole.Link, new() { Name = board }).ClickAsync();
                Assert.Equal("Customer count", await page.Locator("section.card h2").InnerTextAsync());
                Assert.Equal($"customers: {count:N0}", await page.Locator("section.card figure.chart svg").GetAttributeAsync("aria-label"));
            }

            await page.GotoAsync("/questions");
            Assert.Equal(["Core dashboards"], await page.Locator("main h2").AllInnerTextsAsync());
            Assert.Equal(["Customer count"], await page.Locator("ul.questions a").AllInnerTextsAsync());
        });
    }
}
