using System.Security.Claims;
using Greenhouse.Query;
using Greenhouse.Scheduling;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The web UI: Blazor static server-side rendered pages behind a cookie login (users in <c>_gh_users</c>, and an
/// OpenID Connect provider when <c>ui.oidc</c> is set: <see cref="OidcLogin"/>),
/// antiforgery on every form, sessions that end after <see cref="SessionTimeout"/> without use. The host must call
/// <c>UseAuthentication</c>, <c>UseAuthorization</c> and <c>UseAntiforgery</c> before mapping it.
/// </summary>
public static class UiEndpoints
{
    public const string StylesheetPath = "/ui/greenhouse.css";

    public const string ScriptPath = "/ui/greenhouse.js";

    /// <summary>The most rows a CSV download holds.</summary>
    public const int MaxCsvRows = 1_000_000;

    public const string AdminPolicy = "greenhouse-admin";

    /// <summary>Where an admin's "Sync now" posts.</summary>
    public const string SyncPath = "/actions/sync";

    public static readonly TimeSpan SessionTimeout = TimeSpan.FromHours(8);

    /// <param name="oidc"><c>ui.oidc</c>: also log in through that OpenID Connect provider (see <see cref="OidcLogin"/>).</param>
    public static IServiceCollection AddGreenhouseUi(this IServiceCollection services, Access.OidcConfig? oidc = null)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/denied";
            cookie.ExpireTimeSpan = SessionTimeout;
            cookie.SlidingExpiration = true;
            cookie.Cookie.Name = "greenhouse";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A password session follows its account: removed, it ends; given another role, the next request has it.
            cookie.Events.OnValidatePrincipal = ValidatePasswordSessionAsync;
        });
        if (oidc is not null)
        {
            OidcLogin.Add(authentication, oidc);
        }

        services.AddSingleton(new OidcLogin(oidc));
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireRole("admin"));
        services.AddSingleton(provider => new SchemaBrowser(provider.GetRequiredService<Config.GreenhouseConfig>(), provider.GetRequiredService<IWarehouse>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new UserService(provider.GetRequiredService<IWarehouse>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapGreenhouseUi(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorComponents<App>();
        QuestionEndpoints.Map(routes);
        ModelEndpoints.Map(routes);
        UserEndpoints.Map(routes);
        OidcLogin.Map(routes);
        routes.MapGet(StylesheetPath, () => Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8")).AllowAnonymous();
        routes.MapGet(ScriptPath, () => Results.Bytes(Script.Value, "text/javascript; charset=utf-8")).AllowAnonymous();
        routes.MapGet("/explorer/csv", async (string sql, IWarehouse warehouse, Config.GreenhouseConfig config, HttpContext http) =>
            {
                QueryResult result;
                try
                {
                    var bound = Questions.QuestionSql.Bind(sql, Questions.QuestionSql.Parameters(sql, []), ParameterValues.Of(http), warehouse.Dialect);
                    result = await new QueryService(warehouse).RunAsync(bound, UiQueries.Read(http.User, config, MaxCsvRows), http.RequestAborted);
                }
                catch (WarehouseException e)
                {
                    return Results.Text(Config.Secrets.Redact(e.Message), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }
                catch (Questions.QuestionException e)
                {
                    return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Results.Text(ResultCsv.Write(result), "text/csv; charset=utf-8");
            })
            .RequireAuthorization();
        // Admins start a sync now; it runs in the background as a scheduled one does, and the runs page shows it.
        routes.MapPost(SyncPath, (IScheduledRunner runner, HttpContext http) =>
            {
                BackgroundAction.Start("Sync", http, stopping => runner.RunAsync(new SyncRequest(Trigger: "ui"), stopping));
                return Results.Redirect("/runs?started=true");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(AdminPolicy);
        routes.MapPost("/logout", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Redirect("/login");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization();
        return routes;
    }

    private static async Task ValidatePasswordSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(OidcLogin.MethodClaim)?.Value != "password" || context.Principal.Identity?.Name is not { } email)
        {
            return;
        }

        var role = await context.HttpContext.RequestServices.GetRequiredService<UserService>().RoleAsync(email, context.HttpContext.RequestAborted);
        if (role is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (!context.Principal.IsInRole(role))
        {
            context.ReplacePrincipal(OidcLogin.Principal(email, role, "password"));
            context.ShouldRenew = true;
        }
    }

    /// <summary>Where to go after logging in: a path on this site, never another site (an open redirect).</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private static readonly Lazy<byte[]> Stylesheet = new(() => Embedded("greenhouse.css"));

    private static readonly Lazy<byte[]> Script = new(() => Embedded("greenhouse.js"));

    private static byte[] Embedded(string file)
    {
        using var stream = typeof(UiEndpoints).Assembly.GetManifestResourceStream("Greenhouse.Serve.Ui." + file)
            ?? throw new InvalidOperationException($"The UI's {file} is not embedded in Greenhouse.AspNetCore.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>A signed-in person's role as the UI shows it.</summary>
public static class UiRoles
{
    public static string Of(ClaimsPrincipal user) => user?.IsInRole("admin") == true ? "admin" : "viewer";
}
