using Greenhouse.Sources.Buttondown;
using Greenhouse.Sources.Ecb;
using Greenhouse.Sources.Csv;
using Greenhouse.Sources.GitHub;
using Greenhouse.Sources.Linear;
using Greenhouse.Sources.Plain;
using Greenhouse.Sources.Rest;
using Greenhouse.Sources.Sentry;
using Greenhouse.Sources.Stripe;

namespace Greenhouse.Sources;

/// <summary>Every connector Greenhouse ships, by the <c>type:</c> a config names it with.</summary>
public static class Connectors
{
    public static IReadOnlyDictionary<string, IConnector> All { get; } =
        new IConnector[]
        {
            new StripeConnector(), new GitHubConnector(), new LinearConnector(), new PlainConnector(), new SentryConnector(), new ButtondownConnector(),
            new RestConnector(),
            new EcbConnector(),
            new CsvConnector(),
        }.ToDictionary(c => c.Type);
}
