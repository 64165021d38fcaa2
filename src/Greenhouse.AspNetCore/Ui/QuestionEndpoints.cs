using Greenhouse.Questions;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The forms behind saved questions and dashboards: save a question from the explorer, edit one, make a dashboard and
/// put a question on it. Each takes its antiforgery token (minimal endpoints that read a form check it) and answers
/// with a redirect to the page that shows the result, or back with <c>problem=</c> when it cannot be saved.
/// </summary>
internal static class QuestionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/questions/save", ([FromForm] QuestionForm form, IWarehouse warehouse, TimeProvider clock, HttpContext http) =>
            SaveAsync(warehouse, form, 0, clock, http)).RequireAuthorization();
        routes.MapPost("/questions/{id:long}/save", (long id, [FromForm] QuestionForm form, IWarehouse warehouse, TimeProvider clock, HttpContext http) =>
            SaveAsync(warehouse, form, id, clock, http)).RequireAuthorization();
        routes.MapPost("/dashboards/new", async ([FromForm] DashboardForm form, IWarehouse warehouse) =>
        {
            try
            {
                var id = await new QuestionStore(warehouse).AddDashboardAsync(form.Name ?? "", form.Collection);
                return Results.Redirect($"/dashboards/{id}");
            }
            catch (QuestionException e)
            {
                return Results.Redirect($"/dashboards?problem={Uri.EscapeDataString(e.Message)}");
            }
        }).RequireAuthorization();
        routes.MapPost("/dashboards/{id:long}/cards", async (long id, [FromForm] CardForm form, IWarehouse warehouse) =>
        {
            try
            {
                await new QuestionStore(warehouse).AddCardAsync(id, form.Question);
                return Results.Redirect($"/dashboards/{id}");
            }
            catch (QuestionException e)
            {
                return Results.Redirect($"/questions/{form.Question}?problem={Uri.EscapeDataString(e.Message)}");
            }
        }).RequireAuthorization();
    }

    private static async Task<IResult> SaveAsync(IWarehouse warehouse, QuestionForm form, long id, TimeProvider clock, HttpContext http)
    {
        // Each parameter's type and default come as type_<name> and default_<name>; a parameter new to the SQL gets its guessed type.
        var posted = http.Request.HasFormContentType ? http.Request.Form : null;
        var parameters = QuestionSql.Names(form.Sql ?? "")
            .Where(name => posted?.ContainsKey($"type_{name}") == true)
            .Select(name => new QuestionParameter(name, posted![$"type_{name}"].ToString(), Blank(posted[$"default_{name}"].ToString())))
            .ToList();
        var question = new SavedQuestion(id, form.Name ?? "", form.Collection ?? "", form.Sql ?? "", Blank(form.Chart), Blank(form.X), Blank(form.Y),
            http.User.Identity?.Name ?? "?", clock.GetUtcNow()) { Parameters = parameters };
        try
        {
            var saved = await new QuestionStore(warehouse).SaveQuestionAsync(question);
            return Results.Redirect($"/questions/{saved}");
        }
        catch (QuestionException e)
        {
            var problem = Uri.EscapeDataString(e.Message);
            return Results.Redirect(id == 0 ? $"/explorer?sql={Uri.EscapeDataString(form.Sql ?? "")}&problem={problem}" : $"/questions/{id}?problem={problem}");
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal sealed class QuestionForm
    {
        public string? Name { get; set; }

        public string? Collection { get; set; }

        public string? Sql { get; set; }

        public string? Chart { get; set; }

        public string? X { get; set; }

        public string? Y { get; set; }
    }

    internal sealed class DashboardForm
    {
        public string? Name { get; set; }

        public string? Collection { get; set; }
    }

    internal sealed class CardForm
    {
        public long Question { get; set; }
    }
}
