using Microsoft.AspNetCore.Http;

namespace Greenhouse.Serve.Ui;

/// <summary>A question's parameter values as the address carries them: <c>?p_start_date=2026-01-01</c>.</summary>
public static class ParameterValues
{
    private const string Prefix = "p_";

    public static string QueryKey(string parameter) => Prefix + parameter;

    /// <summary>Every <c>p_</c> value of the request, by parameter name; empty ones are left out (the default applies).</summary>
    public static IReadOnlyDictionary<string, string?> Of(HttpContext? http) =>
        http is null ? new Dictionary<string, string?>()
        : http.Request.Query.Where(q => q.Key.StartsWith(Prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(q.Value.ToString()))
            .ToDictionary(q => q.Key[Prefix.Length..], q => (string?)q.Value.ToString(), StringComparer.Ordinal);
}
