using System.Security.Claims;
using Greenhouse.Config;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// The limits on SQL a person writes in the UI (the explorer, questions, dashboards, CSV): the read-only path with a
/// row limit and a timeout, and for a viewer only the modelled schemas (<see cref="QueryOptions.ModelSchema"/>), held
/// by the database: SQLite's authorizer, PostgreSQL's <c>model_reader:</c> login. Admins may also read raw tables.
/// </summary>
public static class UiQueries
{
    public static QueryOptions Read(ClaimsPrincipal? user, GreenhouseConfig config, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = QueryService.Read(maxRows);
        return user?.IsInRole("admin") == true ? options : options with { ModelSchema = ModelSchema(config) };
    }

    /// <summary>Whether <paramref name="user"/> may read the raw stream tables.</summary>
    public static bool ReadsRaw(ClaimsPrincipal? user) => user?.IsInRole("admin") == true;

    public static string ModelSchema(GreenhouseConfig config) => config?.Transform?.Schema ?? Transform.Compiling.CompileSettings.DefaultSchema;
}
