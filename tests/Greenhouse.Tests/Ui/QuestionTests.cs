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
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "admin", Password);
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

    [Fact]
    public async Task A_dashboard_filter_sets_the_parameter_of_every_card_and_the_address_carries_it()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await harness.SyncAsync();
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;
        var customers = harness.Table("customers");
        var created = (await harness.QueryAsync($"SELECT created FROM {customers} ORDER BY created")).Rows.Select(r => (string)r[0]!).ToList();
        var since = created[created.Count / 2][..10];
        var total = created.Count;
        var after = created.Count(c => string.CompareOrdinal(c, since) >= 0);
        Assert.InRange(after, 1, total - 1);

        await ui.RunAsync(nameof(A_dashboard_filter_sets_the_parameter_of_every_card_and_the_address_carries_it), async () =>
        {
            await ui.LogInAsync("ada@example.com", Password);
            // In the explorer, the optional part is left out until start_date has a value.
            await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString($"SELECT COUNT(*) AS n FROM {customers} WHERE 1 = 1 [[AND created >= {{{{start_date}}}}]]")}");
            Assert.Equal($"n: {total:N0}", await page.Locator("figure.chart svg").GetAttributeAsync("aria-label"));
            await page.GetByLabel("start_date").FillAsync(since);
            await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
            Assert.Equal($"n: {after:N0}", await page.Locator("figure.chart svg").GetAttributeAsync("aria-label"));
            await page.GetByLabel("Save as question").FillAsync("Customers since");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            var first = page.Url;

            // A second question needs start_date; given a default on its edit form, it runs without a value.
            await page.GotoAsync($"/explorer?sql={Uri.EscapeDataString("SELECT 1 AS one")}");
            await page.GetByLabel("Save as question").FillAsync("Signups since");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await page.GetByText("Edit").ClickAsync();
            await page.GetByLabel("SQL", new() { Exact = true }).FillAsync($"SELECT COUNT(*) AS signups FROM {customers} WHERE created >= {{{{start_date}}}}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            Assert.Contains("needs a value for start_date", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByText("Edit").ClickAsync();
            Assert.Equal("date", await page.GetByLabel("Type").InputValueAsync());
            await page.GetByLabel("Default").FillAsync("2000-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            Assert.Equal($"signups: {total:N0}", await page.Locator("figure.chart svg").GetAttributeAsync("aria-label"));
            var second = page.Url;
            await page.GotoAsync(second + "?p_start_date=31/01/2026");
            Assert.Contains("start_date: '31/01/2026' is not a date", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            // Both on one dashboard: one filter, shared by both cards.
            await page.GotoAsync("/dashboards");
            await page.GetByLabel("Name").FillAsync("Growth");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make dashboard" }).ClickAsync();
            foreach (var question in new[] { first, second })
            {
                await page.GotoAsync(question);
                await page.GetByRole(AriaRole.Button, new() { Name = "Add to Growth" }).ClickAsync();
            }

            var cards = page.Locator("section.card figure.chart svg");
            Assert.Equal([$"n: {total:N0}", $"signups: {total:N0}"], await cards.EvaluateAllAsync<string[]>("svgs => svgs.map(s => s.getAttribute('aria-label'))"));
            var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filters" });
            Assert.Equal(1, await filters.Locator("input").CountAsync());
            Assert.Equal("date", await filters.GetByLabel("start_date").GetAttributeAsync("type"));
            await filters.GetByLabel("start_date").FillAsync(since);
            await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            Assert.Equal([$"n: {after:N0}", $"signups: {after:N0}"], await cards.EvaluateAllAsync<string[]>("svgs => svgs.map(s => s.getAttribute('aria-label'))"));
            Assert.Contains($"p_start_date={since}", page.Url, StringComparison.Ordinal);
        });
    }
}
