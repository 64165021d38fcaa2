using System.Text.Json;

namespace Greenhouse.Sources.GraphQL;

/// <summary>Reads the <c>extensions.code</c> values of a GraphQL response's <c>errors</c>, for throttle policies.</summary>
internal static class GraphQLErrorCodes
{
    /// <summary>Whether any error in the (buffered) body has <paramref name="code"/>; false for a body that is not GraphQL JSON.</summary>
    public static async ValueTask<bool> ContainsAsync(HttpResponseMessage response, string code, CancellationToken cancellationToken = default)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("extensions", out var extensions)
                    && extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("code", out var value)
                    && value.ValueKind == JsonValueKind.String && value.GetString() == code)
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
