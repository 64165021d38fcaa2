using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources;

/// <summary>
/// A connector whose vendor sends signed webhooks: the vendor's signature scheme (named like the connector's
/// <see cref="IConnector.Type"/> in <c>webhook_signature.scheme</c>) and how a verified event becomes a record.
/// </summary>
internal interface IWebhookConnector : IConnector
{
    IWebhookVerifier Verifier { get; }

    /// <summary>
    /// The object a verified event carries, with the name of its stream in <see cref="IConnector.Catalog"/>, as a
    /// sync would land it; null for events that land nothing (they are stored only). Throws
    /// <see cref="SourceException"/> for an authentic event without a usable object.
    /// </summary>
    WebhookRecord? Read(SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received);
}
