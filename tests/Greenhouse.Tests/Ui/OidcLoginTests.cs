using Greenhouse.Sandbox.Oidc;
using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>
/// Logging in to the web UI through an OpenID Connect provider (<c>ui.oidc</c>), the sandbox's fake one, in headless
/// Chromium: who the allow list lets in and with which role, beside password users, and the "not allowed" page.
/// </summary>
public sealed class OidcLoginTests
{
    private const string Password = "correct horse battery staple";

    private const string Allow = "[{email: ada@acme.test, role: admin}, {domain: acme.test, role: viewer}]";

    [Fact]
    public async Task Allowed_emails_log_in_through_the_provider_with_their_role_beside_password_users()
    {
        await using var harness = await OidcHarness.StartAsync(Allow);
        harness.Sandbox.Oidc.AddAccount(new OidcAccount("ada@acme.test", "Ada Lovelace"));
        harness.Sandbox.Oidc.AddAccount(new OidcAccount("bob@acme.test", "Bob"));
        // Bob has a password account as an admin too: his role there beats the domain rule's viewer.
        await UiBrowser.AddUserAsync(harness, "bob@acme.test", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;
        // The browser reaches Greenhouse as localhost and the provider as 127.0.0.1: two sites, as Google and a company's server are.
        var site = new Uri($"http://localhost:{ui.Address.Port}");

        await ui.RunAsync(nameof(Allowed_emails_log_in_through_the_provider_with_their_role_beside_password_users), async () =>
        {
            await page.GotoAsync(new Uri(site, "/runs").ToString());
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            Assert.Equal(harness.Sandbox.BaseUrl.Authority, new Uri(page.Url).Authority);
            await page.GetByRole(AriaRole.Button, new() { Name = "Ada Lovelace <ada@acme.test>" }).ClickAsync();
            await page.WaitForURLAsync(new Uri(site, "/runs").ToString());
            Assert.Contains("ada@acme.test (admin)", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).CountAsync());
            await LogOutAsync(page);

            // Someone else of the domain, typed at the provider: a viewer, without the admin's button.
            await page.GotoAsync(new Uri(site, "/runs").ToString());
            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            await page.GetByLabel("Another e-mail").FillAsync("Cy@Acme.test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await page.WaitForURLAsync(new Uri(site, "/runs").ToString());
            Assert.Contains("cy@acme.test (viewer)", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).CountAsync());
            await LogOutAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Bob <bob@acme.test>" }).ClickAsync();
            await page.WaitForURLAsync(new Uri(site, "/").ToString());
            Assert.Contains("bob@acme.test (admin)", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
            await LogOutAsync(page);

            // The password login works beside it.
            Assert.Equal(1, await page.GetByText("or with a password").CountAsync());
            await ui.LogInAsync("bob@acme.test", Password);
            Assert.Contains("bob@acme.test (admin)", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_only_oidc_the_ui_starts_and_refuses_who_the_allow_list_does_not_name()
    {
        await using var harness = await OidcHarness.StartAsync(Allow);
        harness.Sandbox.Oidc.AddAccount(new OidcAccount("eve@elsewhere.test", "Eve"));
        harness.Sandbox.Oidc.AddAccount(new OidcAccount("dan@acme.test", "Dan", EmailVerified: false));
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(With_only_oidc_the_ui_starts_and_refuses_who_the_allow_list_does_not_name), async () =>
        {
            // No password user: the provider's button only, and no "no one can log in yet".
            await page.GotoAsync("/login");
            Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).CountAsync());
            Assert.Equal(0, await page.GetByLabel("Password").CountAsync());
            Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());

            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Eve <eve@elsewhere.test>" }).ClickAsync();
            await page.WaitForURLAsync("**/login/refused?**");
            Assert.Equal("Not allowed", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            Assert.StartsWith("eve@elsewhere.test is not allowed to log in to this Greenhouse.", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            // It stays there: no loop back to the provider, and no session.
            await Task.Delay(500);
            Assert.Equal(OidcLogin.RefusedPath, new Uri(page.Url).AbsolutePath);
            await page.GotoAsync("/");
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);

            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Dan <dan@acme.test>" }).ClickAsync();
            await page.WaitForURLAsync("**/login/refused?**");
            Assert.Contains("Sandbox has not verified dan@acme.test", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            // Cancelling at the provider is said too.
            await page.GotoAsync("/login");
            await page.GetByRole(AriaRole.Link, new() { Name = "Log in with Sandbox" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await page.WaitForURLAsync("**/login/refused?**");
            Assert.Contains("The login with Sandbox was cancelled", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            // A message of someone else's making is not shown.
            await page.GotoAsync($"{OidcLogin.RefusedPath}?problem=Call%20555-0100%20for%20access");
            Assert.Equal("The login was refused.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        });
    }

    private static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
    }
}
