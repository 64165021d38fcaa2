using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>
/// Managing users in headless Chromium: an admin adds a viewer, changes roles and passwords; a viewer may not; the last
/// admin stays one; and a session follows its account (a new role shows at the next request, a removed account's ends).
/// </summary>
public sealed class UsersPageTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_admin_manages_users_and_a_session_follows_its_account()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await UiBrowser.AddUserAsync(harness, "admin@example.com", "admin", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(An_admin_manages_users_and_a_session_follows_its_account), async () =>
        {
            await ui.LogInAsync("admin@example.com", Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
            await page.GetByLabel("E-mail").FillAsync("Bob@Example.com");
            await page.GetByLabel("Password (at least").FillAsync("bobs password 123");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            Assert.Equal("bob@example.com added as viewer.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
            Assert.Equal(2, await page.Locator("tr[data-user]").CountAsync());

            // The last admin cannot stop being one, nor remove themselves.
            await page.GetByLabel("Role of admin@example.com").SelectOptionAsync("viewer");
            await page.Locator("tr[data-user='admin@example.com']").GetByRole(AriaRole.Button, new() { Name = "Set role" }).ClickAsync();
            Assert.Contains("is the only admin", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove admin@example.com" }).ClickAsync();
            Assert.Contains("cannot remove your own account", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByLabel("New password for bob@example.com").FillAsync("short");
            Assert.False(await page.GetByLabel("New password for bob@example.com").EvaluateAsync<bool>("e => e.checkValidity()"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

            // Bob, a viewer: no Users link, and the page itself is refused.
            await ui.LogInAsync("bob@example.com", "bobs password 123");
            Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).CountAsync());
            await page.GotoAsync("/users");
            Assert.EndsWith("/denied", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            var token = await page.Locator("form.logout input[name='__RequestVerificationToken']").GetAttributeAsync("value");
            var forged = await ui.Context.APIRequest.PostAsync("/users/role", new()
            {
                Form = ui.Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("email", "bob@example.com").Set("role", "admin"),
            });
            Assert.EndsWith("/denied", new Uri(forged.Url).AbsolutePath, StringComparison.Ordinal);

            // Made an admin elsewhere (the CLI): Bob's next request has the role; removed, his session ends.
            await using (var warehouse = harness.Warehouse.Open())
            {
                await new UserService(warehouse, TimeProvider.System).SetRoleAsync("bob@example.com", "admin");
            }

            await page.GotoAsync("/runs");
            Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).CountAsync());
            await using (var warehouse = harness.Warehouse.Open())
            {
                await new UserService(warehouse, TimeProvider.System).RemoveAsync("bob@example.com");
            }

            await page.GotoAsync("/runs");
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        });
    }
}
