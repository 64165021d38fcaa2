using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>What only admins may do: start a sync from the runs page. A viewer has no button, and a forged request is refused.</summary>
public sealed class AdminActionTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_admin_starts_a_sync_and_a_viewer_is_refused()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        await UiBrowser.AddUserAsync(harness, "admin@example.com", "admin", Password);
        await UiBrowser.AddUserAsync(harness, "viewer@example.com", "viewer", Password);
        await using var ui = await UiBrowser.StartAsync(harness);
        var page = ui.Page;

        await ui.RunAsync(nameof(An_admin_starts_a_sync_and_a_viewer_is_refused), async () =>
        {
            // A viewer sees no button, and posting the form anyway (with a valid antiforgery token) is refused.
            await ui.LogInAsync("viewer@example.com", Password);
            await page.GotoAsync("/runs");
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).CountAsync());
            var token = await page.Locator("form.logout input[name='__RequestVerificationToken']").GetAttributeAsync("value");
            var forged = await ui.Context.APIRequest.PostAsync(UiEndpoints.SyncPath, new()
            {
                Form = ui.Context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!),
            });
            Assert.EndsWith("/denied", new Uri(forged.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Contains("Only an admin may do that", await forged.TextAsync(), StringComparison.Ordinal);
            await Task.Delay(500);
            Assert.Equal(0, await harness.ScalarAsync<long>($"SELECT COUNT(*) FROM {harness.MetaTable("_gh_runs")}"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

            // An admin's click starts one, which the runs page then shows.
            await ui.LogInAsync("admin@example.com", Password);
            await page.GotoAsync("/runs");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
            Assert.Contains("A sync started", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
            for (var i = 0; i < 60 && await page.Locator("tr[data-run]").CountAsync() == 0; i++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }

            Assert.Equal(1, await page.Locator("tr[data-run]").CountAsync());
        });

        Assert.Equal("ui", await harness.ScalarAsync<string>($"SELECT trigger FROM {harness.MetaTable("_gh_runs")}"));
    }
}
