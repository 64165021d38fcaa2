using Greenhouse.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The users page's forms, for admins only: add an account, change its role, set a new password, remove it. Each
/// takes its antiforgery token and answers with a redirect to <c>/users</c> saying what was done, or why not. An admin
/// cannot remove their own account, and the last admin stays one; a removed account's sessions end at their next
/// request (<see cref="UiEndpoints"/> checks each password session against <c>_gh_users</c>).
/// </summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        Post(routes, "/users/add", (users, form, _) => users.AddAsync(form.Email ?? "", form.Role ?? "viewer", form.Password ?? ""), form => $"{form.Email?.Trim().ToLowerInvariant()} added as {form.Role ?? "viewer"}.");
        Post(routes, "/users/role", (users, form, _) => users.SetRoleAsync(form.Email ?? "", form.Role ?? ""), form => $"{form.Email} is now {form.Role}.");
        Post(routes, "/users/reset", (users, form, _) => users.ResetAsync(form.Email ?? "", form.Password ?? ""), form => $"{form.Email} has a new password (and is unlocked).");
        Post(routes, "/users/remove", async (users, form, http) =>
        {
            if (string.Equals(form.Email?.Trim(), http.User.Identity?.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigException("you cannot remove your own account; another admin can.");
            }

            await users.RefuseLastAdminAsync(form.Email ?? "", "be removed");
            await users.RemoveAsync(form.Email ?? "");
        }, form => $"{form.Email} removed; their sessions end at their next request.");
    }

    private static void Post(IEndpointRouteBuilder routes, string path, Func<UserService, UserForm, HttpContext, Task> change, Func<UserForm, string> done) =>
        routes.MapPost(path, async ([FromForm] UserForm form, UserService users, HttpContext http) =>
            {
                try
                {
                    await change(users, form, http);
                    return Results.Redirect($"/users?done={Uri.EscapeDataString(done(form))}");
                }
                catch (ConfigException e)
                {
                    return Results.Redirect($"/users?problem={Uri.EscapeDataString(e.Message)}");
                }
            })
            .RequireAuthorization(UiEndpoints.AdminPolicy);

    internal sealed class UserForm
    {
        public string? Email { get; set; }

        public string? Role { get; set; }

        public string? Password { get; set; }
    }
}
