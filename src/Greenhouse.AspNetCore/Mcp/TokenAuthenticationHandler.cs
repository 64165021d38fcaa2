using System.Security.Claims;
using System.Text.Encodings.Web;
using Greenhouse.Access;
using Greenhouse.Config;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Greenhouse.Serve.Mcp;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the warehouse's tokens (<see cref="TokenService"/>).
/// A missing, unknown, revoked or expired token is answered 401 with a <c>WWW-Authenticate</c> header and a problem
/// body that say which.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GreenhouseToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        string? token = null;
        if (header is { Length: > 0 })
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.Fail("the Authorization header is not 'Bearer <token>'");
            }

            token = header["Bearer ".Length..].Trim();
        }

        TokenCheck check;
        try
        {
            check = await tokens.CheckAsync(token, Context.RequestAborted);
        }
        catch (WarehouseException e)
        {
            return AuthenticateResult.Fail($"the token could not be checked: {Secrets.Redact(e.Message)}");
        }

        if (!check.Valid)
        {
            return AuthenticateResult.Fail(check.Problem!);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, check.Token!.Name), new Claim(ClaimTypes.Role, check.Token.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var problem = result.Failure?.Message ?? "a bearer token is required";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: a request without credentials gets no error code; a bad token gets invalid_token and why.
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count == 0
            ? "Bearer realm=\"greenhouse\""
            : $"Bearer realm=\"greenhouse\", error=\"invalid_token\", error_description=\"{problem.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = $"{problem}. /mcp needs Authorization: Bearer <token>; make a token with 'greenhouse token add NAME'.",
        });
    }
}
