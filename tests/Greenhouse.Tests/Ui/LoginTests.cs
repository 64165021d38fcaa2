using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>The web UI in a real headless Chromium: nothing without a login, the health page after it, forms that need their antiforgery token.</summary>
public sealed class LoginTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Logging_in_shows_the_health_page_and_logging_out_ends_the_session()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await harness.SyncAsync();
        await UiBrowser.AddUserAsync(harness, "Ada@Example.com", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(Logging_in_shows_the_health_page_and_logging_out_ends_the_session), async () =>
        {
            await page.GotoAsync("/");
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            Assert.Contains("ReturnUrl=%2F", page.Url, StringComparison.Ordinal);

            await ui.LogInAsync("ada@example.com", "not the password");
            Assert.Contains("do not match an account", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);

            await ui.LogInAsync("ADA@example.com", Password);
            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
            Assert.Equal("Health", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.Contains("ada@example.com (admin)", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
            var customers = page.Locator("tr[data-stream='stripe.customers']");
            Assert.Equal($"{await harness.CountAsync("customers"):N0}", (await customers.Locator("td.number").InnerTextAsync()).Trim());
            Assert.Contains("ok", await customers.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Equal(Greenhouse.Sync.SyncPlan.For(harness.LoadConfig()).Streams.Count(), await page.Locator("tr[data-stream]").CountAsync());

            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await page.WaitForURLAsync("**/login");
            await page.GotoAsync("/");
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        });
    }

    [Fact]
    public async Task A_stream_past_its_error_limit_is_red_and_named_in_the_summary()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "postgresql");
        harness.WriteConfig(source: "freshness: {warn_after: 1h, error_after: 2h}");
        await harness.SyncAsync();
        await using (var warehouse = harness.Warehouse.Open())
        {
            await warehouse.ExecuteAsync($"UPDATE {harness.MetaTable("_gh_stream_runs")} SET finished_at = finished_at - interval '3 hours' WHERE stream = 'stripe.customers'");
        }

        await UiBrowser.AddUserAsync(harness, "viewer@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);

        await ui.RunAsync(nameof(A_stream_past_its_error_limit_is_red_and_named_in_the_summary), async () =>
        {
            await ui.LogInAsync("viewer@example.com", Password);
            var customers = ui.Page.Locator("tr[data-stream='stripe.customers']");
            Assert.Contains("error", await customers.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Equal("older than its error limit", (await customers.Locator(".problem-cell").InnerTextAsync()).Trim());
            Assert.Equal("rgb(179, 38, 30)", await customers.Locator("th").EvaluateAsync<string>("e => getComputedStyle(e).color"));
            Assert.Contains("ok", await ui.Page.Locator("tr[data-stream='stripe.invoices']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.StartsWith("1 stream(s) need a person", await ui.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("viewer@example.com (viewer)", await ui.Page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Forms_without_their_antiforgery_token_are_refused_and_wrong_passwords_lock_the_account()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await UiBrowser.AddUserAsync(harness, "ada@example.com", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);

        await ui.RunAsync(nameof(Forms_without_their_antiforgery_token_are_refused_and_wrong_passwords_lock_the_account), async () =>
        {
            var forged = await ui.Context.APIRequest.PostAsync("/login", new()
            {
                Form = ui.Context.APIRequest.CreateFormData().Set("_handler", "login").Set("Input.Email", "ada@example.com").Set("Input.Password", Password),
                MaxRedirects = 0,
            });
            Assert.Equal(400, forged.Status);
            Assert.Null((await ui.Context.CookiesAsync()).FirstOrDefault(c => c.Name == "greenhouse"));
            var logout = await ui.Context.APIRequest.PostAsync("/logout", new() { MaxRedirects = 0 });
            Assert.NotEqual(200, logout.Status);

            for (var i = 1; i < UserService.MaxFailures; i++)
            {
                await ui.LogInAsync("ada@example.com", $"wrong {i}");
                Assert.Contains("do not match an account", await ui.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            }

            await ui.LogInAsync("ada@example.com", "wrong again");
            Assert.Contains("locked until", await ui.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            await ui.LogInAsync("ada@example.com", Password);
            Assert.Contains("locked until", await ui.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("/login", new Uri(ui.Page.Url).AbsolutePath);
        });
    }

    [Fact]
    public async Task With_no_user_the_login_page_says_how_to_add_one_and_a_return_url_never_leaves_the_site()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await using var ui = await UiBrowser.StartAsync(harness);

        await ui.RunAsync(nameof(With_no_user_the_login_page_says_how_to_add_one_and_a_return_url_never_leaves_the_site), async () =>
        {
            await ui.Page.GotoAsync("/login");
            Assert.Contains("greenhouse user add you@example.com --role admin", await ui.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        });

        Assert.Equal("/", UiEndpoints.LocalReturnUrl("https://evil.example/"));
        Assert.Equal("/", UiEndpoints.LocalReturnUrl("//evil.example/"));
        Assert.Equal("/", UiEndpoints.LocalReturnUrl("/\\evil.example/"));
        Assert.Equal("/runs?x=1", UiEndpoints.LocalReturnUrl("/runs?x=1"));
    }
}
