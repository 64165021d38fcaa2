using Greenhouse.Serve.Ui;
using Greenhouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Greenhouse.Tests.Ui;

/// <summary>
/// <c>serve</c> over a harness's warehouse on 127.0.0.1, and Debian's Chromium (<c>/usr/bin/chromium</c>, which
/// <c>.ci/run</c> installs) driven headless by Playwright. <see cref="RunAsync"/> saves a screenshot of the page under
/// the test output's <c>screenshots/</c> when the test fails.
/// </summary>
internal sealed class UiBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly WebApplication _app;

    private UiBrowser(IPlaywright playwright, IBrowser browser, WebApplication app, Uri address, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _app = app;
        Address = address;
        Context = context;
        Page = page;
    }

    public Uri Address { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<UiBrowser> StartAsync(SourceHarness harness)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the web UI's tests need Debian's chromium (apt-get install chromium; .ci/run installs it).");
        }

        var (app, address) = await Mcp.McpSessions.ServeAsync(harness);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        // Generous: on a loaded 2-core machine an OpenID Connect round trip (browser, serve, the sandbox provider's
        // token endpoint) was seen to take over 15 s. The tests assert what a page shows, never how fast.
        context.SetDefaultTimeout(45_000);
        return new UiBrowser(playwright, browser, app, address, context, await context.NewPageAsync());
    }

    /// <summary>Adds a user as <c>greenhouse user add</c> does.</summary>
    public static async Task AddUserAsync(SourceHarness harness, string email, string role, string password)
    {
        await using var warehouse = harness.Warehouse.Open();
        await warehouse.MigrateAsync();
        await new UserService(warehouse, TimeProvider.System).AddAsync(email, role, password);
    }

    /// <summary>Logs in through the login page, as a person does: by the fields' labels.</summary>
    public async Task LogInAsync(string email, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Runs <paramref name="test"/>; when it throws, saves a screenshot named <paramref name="name"/> first.</summary>
    public async Task RunAsync(string name, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
