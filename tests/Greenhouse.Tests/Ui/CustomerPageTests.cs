using Greenhouse.Warehouse;
using Greenhouse.Tests.Customers;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>The customer 360 page in headless Chromium: a sandbox person found by any id, with rows from every vendor.</summary>
public sealed class CustomerPageTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_person_in_every_vendor_has_one_page_with_each_vendors_rows_and_a_timeline()
    {
        await using var harness = await SourceHarness.StartAsync(CustomerLookupTests.Vendors, "sqlite");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var person = SandboxPerson360.InEveryVendor(harness.Sandbox);
        await UiBrowser.AddUserAsync(harness, "agent@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(A_person_in_every_vendor_has_one_page_with_each_vendors_rows_and_a_timeline), async () =>
        {
            await ui.LogInAsync("agent@example.com", Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
            await page.GetByLabel("Find a person by e-mail, name or any vendor id (Stripe cus_…, Plain c_…, a GitHub login)").FillAsync(person.StripeIds[0]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();

            Assert.Equal(person.Name, await page.Locator("#person-title").InnerTextAsync());
            Assert.Contains(person.Email, await page.Locator("article.person .summary").First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(person.Subscriptions.Count, await Rows(page, "stripe-subscriptions"));
            Assert.Equal(person.Invoices.Count, await Rows(page, "stripe-invoices"));
            Assert.Equal(person.Charges.Count, await Rows(page, "stripe-charges"));
            Assert.Equal(person.Threads.Count, await Rows(page, "plain-threads"));
            Assert.Equal(person.Issues.Count, await Rows(page, "github-issues"));
            Assert.Equal(person.PullRequests.Count, await Rows(page, "github-pulls"));
            Assert.Equal(person.Requests.Count, await Rows(page, "linear-requests"));
            Assert.Contains(person.SubscriberType, await page.Locator("[data-section='buttondown']").InnerTextAsync(), StringComparison.Ordinal);
            foreach (var id in person.Subscriptions.Concat(person.Threads))
            {
                Assert.Contains(id, await page.Locator("article.person").InnerTextAsync(), StringComparison.Ordinal);
            }

            // One timeline across sources, newest first.
            var times = await page.Locator("table.timeline tbody tr td:first-child").AllInnerTextsAsync();
            Assert.True(times.Count > person.Subscriptions.Count + person.Threads.Count);
            Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
            var sources = (await page.Locator("table.timeline tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.stream)")).Select(s => s.Split('.')[0]).ToHashSet();
            Assert.Superset(new HashSet<string> { "stripe", "plain", "github", "linear" }, sources);

            // The same page by GitHub login, and an unknown one says so.
            await page.GotoAsync($"/customers?q={Uri.EscapeDataString(person.Login)}");
            Assert.Equal(person.Name, await page.Locator("#person-title").InnerTextAsync());
            await page.GotoAsync("/customers?q=nobody-here%40example.invalid");
            Assert.Equal(0, await page.Locator("#person-title").CountAsync());
            Assert.False(string.IsNullOrWhiteSpace(await page.GetByRole(AriaRole.Status).InnerTextAsync()));
        });
    }

    private static Task<int> Rows(IPage page, string section) => page.Locator($"[data-section='{section}'] tbody tr").CountAsync();
}
