using Greenhouse.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Serve.Webhooks;

internal static class HeaderDictionaryExtensions
{
    /// <summary>The request's headers as the verifiers read them.</summary>
    public static WebhookHeaders ToWebhookHeaders(this IHeaderDictionary headers) =>
        new(name => headers.TryGetValue(name, out var values) ? values.ToString() : null);
}
