using System.Diagnostics.CodeAnalysis;
using Greenhouse.Config;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources;

/// <summary>
/// The connectors a process knows, by the <c>type:</c> a config names them with, in registration order. Config
/// loading checks sources against it, the loaded <see cref="GreenhouseConfig"/> carries it, and every caller that
/// needs a source's connector asks it (<see cref="BuiltInConnectors.Create"/> registers the ones Greenhouse ships).
/// </summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IConnector> _byType = new(StringComparer.Ordinal);
    private readonly List<string> _types = [];

    /// <summary>Registers <paramref name="connector"/> under its <see cref="IConnector.Type"/>; a type registers once.</summary>
    public ConnectorRegistry Add(IConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (!_byType.TryAdd(connector.Type, connector))
        {
            throw new ArgumentException($"A connector of type '{connector.Type}' is already registered.", nameof(connector));
        }

        _types.Add(connector.Type);
        return this;
    }

    /// <summary>The registered types, in registration order.</summary>
    public IReadOnlyList<string> Types => _types;

    /// <summary>The connector of a source's type; a loaded config names only registered types.</summary>
    public IConnector this[string type] => _byType.TryGetValue(type, out var connector)
        ? connector
        : throw new ConfigException($"unknown source type '{type}'.{DidYouMean.Hint(type, _types)} Known types: {string.Join(", ", _types)}");

    public bool TryGet(string type, [NotNullWhen(true)] out IConnector? connector) => _byType.TryGetValue(type, out connector);

    /// <summary>The <c>webhook_signature.scheme</c> names: each webhook connector's own (its type), then the generic <c>hmac</c>.</summary>
    public IReadOnlyList<string> WebhookSchemes => [.. _types.Where(t => _byType[t] is IWebhookConnector), HmacSignatureVerifier.Scheme];

    /// <summary>The verifier of a vendor's scheme, by its name; null for <c>hmac</c> (it needs its config) and unknown names.</summary>
    internal IWebhookVerifier? Verifier(string scheme) =>
        _byType.TryGetValue(scheme, out var connector) && connector is IWebhookConnector webhooks ? webhooks.Verifier : null;
}
