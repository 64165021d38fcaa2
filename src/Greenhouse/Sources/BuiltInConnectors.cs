using Greenhouse.Sources.Buttondown;
using Greenhouse.Sources.Csv;
using Greenhouse.Sources.Ecb;
using Greenhouse.Sources.GitHub;
using Greenhouse.Sources.Linear;
using Greenhouse.Sources.Plain;
using Greenhouse.Sources.Rest;
using Greenhouse.Sources.Sentry;
using Greenhouse.Sources.Stripe;

namespace Greenhouse.Sources;

/// <summary>The connectors Greenhouse ships: one registration line each.</summary>
public static class BuiltInConnectors
{
    public static ConnectorRegistry Create() => new ConnectorRegistry()
        .Add(new StripeConnector())
        .Add(new GitHubConnector())
        .Add(new LinearConnector())
        .Add(new PlainConnector())
        .Add(new SentryConnector())
        .Add(new ButtondownConnector())
        .Add(new RestConnector())
        .Add(new EcbConnector())
        .Add(new CsvConnector());
}
