using System.Net;
using System.Security.Claims;
using Greenhouse.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The web UI's login through an OpenID Connect provider (<c>ui.oidc</c>): ASP.NET Core's handler runs the
/// authorization code flow with PKCE, checks the id_token (signature against the provider's keys, issuer, audience,
/// lifetime, nonce), then <see cref="OidcConfig.Admit"/> decides who it is and the cookie scheme signs them in with
/// their role: the one of <c>_gh_users</c> when they have a password account there too, else their allow rule's.
/// Whatever goes wrong lands on <see cref="RefusedPath"/>, which says why and never sends the person back to the
/// provider by itself (no login loop).
/// </summary>
public sealed class OidcLogin(OidcConfig? config)
{
    public const string Scheme = "oidc";

    /// <summary>The login page's button: starts the flow (<c>?ReturnUrl=</c> says where to land).</summary>
    public const string StartPath = "/login/oidc";

    /// <summary>Where the flow lands before the page asked for: a same-site step, so the <c>SameSite=Strict</c> session cookie is sent.</summary>
    public const string ContinuePath = "/login/continue";

    /// <summary>The "not allowed" page: why the provider's answer did not log anyone in.</summary>
    public const string RefusedPath = "/login/refused";

    /// <summary>A claim of the session saying how the person logged in: <c>oidc</c> or <c>password</c>.</summary>
    public const string MethodClaim = "greenhouse_login";

    private const string RefusalPurpose = "Greenhouse.Serve.Ui.OidcLogin.Refusal";

    private static readonly TimeSpan RefusalLifetime = TimeSpan.FromMinutes(10);

    /// <summary><c>ui.oidc</c>, or null when the UI has only password logins.</summary>
    public OidcConfig? Config => config;

    public static string StartUrl(string? returnUrl) => $"{StartPath}?ReturnUrl={Uri.EscapeDataString(UiEndpoints.LocalReturnUrl(returnUrl))}";

    /// <summary>The session's principal: the e-mail as its name, the role, and how the person logged in.</summary>
    public static ClaimsPrincipal Principal(string email, string role, string method) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>A refusal the <see cref="RefusedPath"/> page was sent, or null when it is not one of ours (made up, or older than ten minutes).</summary>
    public static string? Refusal(IDataProtectionProvider protection, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return protection.CreateProtector(RefusalPurpose).ToTimeLimitedDataProtector().Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    internal static void Add(AuthenticationBuilder authentication, OidcConfig config) =>
        authentication.AddOpenIdConnect(Scheme, config.Name, oidc =>
        {
            oidc.Authority = config.Authority.ToString().TrimEnd('/');
            // Metadata and keys over plain http only from this machine (the sandbox's fake provider); the config refuses http elsewhere.
            oidc.RequireHttpsMetadata = !config.Authority.IsLoopback;
            oidc.ClientId = config.ClientId;
            oidc.ClientSecret = config.ClientSecret.Value;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            // The provider redirects back with a GET: cookies of SameSite=Lax go with it, without needing Secure (form_post needs None).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("email");
            oidc.Scope.Add("profile");
            oidc.CallbackPath = OidcConfig.CallbackPath;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.DisableTelemetry = true;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context => SignInAsync(context, config),
                // After every check (the nonce is checked after OnTokenValidated), just before the cookie is set.
                OnTicketReceived = context =>
                {
                    Log(context.HttpContext).LogInformation("{User} logged in with {Provider} as {Role}", context.Principal?.Identity?.Name, config.Name, UiRoles.Of(context.Principal!));
                    return Task.CompletedTask;
                },
                OnAccessDenied = context =>
                {
                    Refuse(context.HttpContext, $"The login with {config.Name} was cancelled, or {config.Name} did not allow it.");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
                OnRemoteFailure = context =>
                {
                    var problem = Describe(context.Failure, config);
                    Log(context.HttpContext).LogWarning("{Problem} ({Error})", problem, Greenhouse.Config.Secrets.Redact(context.Failure?.Message));
                    Refuse(context.HttpContext, problem);
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });

    internal static void Map(IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<OidcLogin>().Config is null)
        {
            return;
        }

        routes.MapGet(StartPath, async (string? returnUrl, HttpContext http, OidcLogin login) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = $"{ContinuePath}?ReturnUrl={Uri.EscapeDataString(UiEndpoints.LocalReturnUrl(returnUrl))}" };
            try
            {
                await http.ChallengeAsync(Scheme, properties);
            }
            catch (InvalidOperationException e) when (login.Config is { } config)
            {
                // The provider's /.well-known/openid-configuration could not be read (IDX20803): down, or a wrong authority.
                Log(http).LogWarning("A login with {Provider} could not start: {Error}", config.Name, Greenhouse.Config.Secrets.Redact(e.Message));
                Refuse(http, $"Greenhouse could not reach {config.Name} (its configuration at {config.Authority}/.well-known/openid-configuration). Try again later; if it keeps failing, an admin should check ui.oidc.authority in greenhouse.yml.");
            }
        });
        // The provider's redirect is a cross-site navigation, so the browser does not send the Strict session cookie on
        // it nor on the redirects that follow; a page of ours that moves on by itself is a same-site navigation.
        routes.MapGet(ContinuePath, (string? returnUrl) =>
        {
            var target = WebUtility.HtmlEncode(UiEndpoints.LocalReturnUrl(returnUrl));
            return Results.Content(
                $"""<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}"><title>Logging in · Greenhouse</title></head><body><p><a href="{target}">Continue to Greenhouse</a></p></body></html>""",
                "text/html; charset=utf-8");
        });
    }

    /// <summary>The id_token is valid: let its e-mail in with its role, or send the person to the "not allowed" page.</summary>
    private static async Task SignInAsync(TokenValidatedContext context, OidcConfig config)
    {
        var admission = config.Admit(context.Principal?.FindFirst("email")?.Value, context.Principal?.FindFirst("email_verified")?.Value);
        if (admission is not { Email: { } email, Role: { } role })
        {
            Log(context.HttpContext).LogInformation("A login with {Provider} was refused: {Problem}", config.Name, admission.Problem);
            Refuse(context.HttpContext, admission.Problem!);
            context.HandleResponse();
            return;
        }

        // A person with a password account too has its role: `greenhouse user reset EMAIL --role …` changes one person's.
        var account = await context.HttpContext.RequestServices.GetRequiredService<UserService>().RoleAsync(email, context.HttpContext.RequestAborted);
        context.Principal = Principal(email, account ?? role, "oidc");
    }

    private static void Refuse(HttpContext http, string problem)
    {
        var token = http.RequestServices.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(RefusalPurpose).ToTimeLimitedDataProtector().Protect(problem, RefusalLifetime);
        http.Response.Redirect($"{RefusedPath}?problem={Uri.EscapeDataString(token)}");
    }

    /// <summary>Why the flow failed, for the person and the admin; never a secret (the client secret is only described by its variable).</summary>
    private static string Describe(Exception? failure, OidcConfig config)
    {
        var name = config.Name;
        var reason = Innermost(failure) switch
        {
            OpenIdConnectProtocolException { Data: var data } when data["error"] as string == "invalid_client" =>
                $"{name} refused Greenhouse's client credentials (invalid_client). An admin should check ui.oidc.client_id and {config.ClientSecret.Describe()} in greenhouse.yml against the client registered with {name}",
            OpenIdConnectProtocolException { Data: var data } when data["error"] is string error =>
                $"{name} answered {error}: {Greenhouse.Config.Secrets.Redact(data["error_description"] as string)}",
            SecurityTokenInvalidAudienceException => $"the id_token {name} sent was issued for another application (its aud is not ui.oidc.client_id)",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => $"the id_token's signature does not verify against {name}'s published keys",
            SecurityTokenExpiredException => "the id_token has expired (is this server's clock right?)",
            SecurityTokenInvalidIssuerException => $"the id_token names another issuer than ui.oidc.authority ({config.Authority})",
            OpenIdConnectProtocolInvalidNonceException => "the id_token's nonce does not belong to this login",
            HttpRequestException => $"Greenhouse could not reach {name}'s token endpoint to finish the login",
            _ when failure?.Message.Contains("Correlation failed", StringComparison.Ordinal) == true =>
                "the answer does not belong to a login started in this browser (it took too long, or cookies are blocked)",
            var other => $"{other?.GetType().Name ?? "unknown error"}",
        };
        return $"The login with {name} failed: {reason}. Try again; if it keeps failing, the server's log says more.";
    }

    private static Exception? Innermost(Exception? e) => e?.InnerException is { } inner && e is not OpenIdConnectProtocolException ? Innermost(inner) : e;

    private static ILogger Log(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Greenhouse.Serve.Ui");
}
