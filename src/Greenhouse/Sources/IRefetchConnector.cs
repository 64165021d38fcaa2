using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources;

/// <summary>
/// A webhook connector that can read one object as its vendor's API serves it now (Stripe: <c>GET /v1/&lt;objects&gt;/&lt;id&gt;</c>):
/// what settles two snapshots of one object stamped with the same instant (see <see cref="Webhooks.WebhookTieBreaker"/>).
/// </summary>
internal interface IRefetchConnector : IWebhookConnector
{
    /// <summary>
    /// Object <paramref name="id"/> of <paramref name="stream"/> as the API serves it now, as a record of that stream as
    /// of when it was served (never before <paramref name="notBefore"/>); null when the API says it no longer exists.
    /// Throws <see cref="SourceException"/> (or an HTTP failure) when it cannot be read.
    /// </summary>
    Task<SourceRecord?> RefetchAsync(
        SourceConfig source, VendorHttpClient http, string stream, string id, DateTimeOffset notBefore, CancellationToken cancellationToken = default);
}
