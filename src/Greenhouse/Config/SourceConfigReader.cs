using System.Globalization;
using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Webhooks;

namespace Greenhouse.Config;

/// <summary>
/// The <c>sources:</c> section. Each source has the keys every source has, its connector's settings (credentials among
/// them), its <c>streams:</c>, and the keys the folders that own them read (webhooks; a declarative connector's
/// streams). The defaults are the top level's <c>lookback:</c>, <c>reconcile:</c> and <c>complete_days_only:</c>.
/// </summary>
internal sealed class SourceConfigReader(
    ConnectorRegistry connectors, TimeSpan defaultLookback, TimeSpan defaultReconcile, bool defaultCompleteDaysOnly)
{
    /// <summary><c>sources:</c>, one source per name.</summary>
    public List<SourceConfig> ReadSources(ConfigSection root)
    {
        const string Expected = "expected a mapping of source names to their settings, e.g. 'stripe: {type: stripe, api_key: ${STRIPE_API_KEY}}'";
        root.Require("sources", "required key is missing; add at least one source (see 'greenhouse init')");
        if (root.Entry("sources") is not { } entry)
        {
            return [];
        }

        var sources = entry.Entries(Expected);
        if (sources.Count == 0)
        {
            throw entry.Error(Expected);
        }

        return [.. sources.Select(source => ConfigNames.IsIdentifier(source.Name)
            ? source.Read("expected a mapping of settings (type:, api_key:, …)", section => ReadSource(section, source.Name))
            : throw source.NameError("a source name must be a plain lower-case identifier (letters, digits, underscores)"))];
    }

    private SourceConfig ReadSource(ConfigSection source, string name)
    {
        var type = source.Text("type") ?? throw source.Error("type", $"required key is missing; one of: {string.Join(", ", connectors.Types)}");
        if (!connectors.TryGet(type, out var connector))
        {
            throw source.Entry("type")!.Error(
                $"unknown source type '{type}'.{DidYouMean.Hint(type, connectors.Types)} Known types: {string.Join(", ", connectors.Types)}");
        }

        var baseUrl = source.Url("base_url");
        var lookback = source.Duration("lookback") ?? defaultLookback;
        var reconcile = source.Duration("reconcile") ?? defaultReconcile;
        var completeDaysOnly = source.Bool("complete_days_only") ?? defaultCompleteDaysOnly;
        var schedule = source.Cron("schedule") ?? "0 * * * *";
        var timeZone = source.Entry("timezone")?.Check(
            text => TimeZoneInfo.TryFindSystemTimeZoneById(text, out _), _ => "is not a known time zone; write an IANA name such as Europe/Berlin");
        var declared = (connector as IDeclarativeConnector)?.ReadStreams(source);
        var (streams, streamSettings) = declared is null ? Streams(source, connector, type) : (null, declared.Settings);
        var requestsPerSecond = source.Entry("requests_per_second")?.Parse(
            (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0,
            _ => "is not a positive number");
        var maxRetries = (int?)source.Integer("max_retries", 0, int.MaxValue, "is not a whole number ≥ 0") ?? 5;
        var retryBaseDelay = source.Duration("retry_base_delay") ?? TimeSpan.FromSeconds(1);
        var webhookSecret = WebhookConfigReader.Secret(source);
        var webhookSignature = WebhookConfigReader.Signature(source, connectors.WebhookSchemes);
        var webhookRefetchPerMinute = WebhookConfigReader.RefetchPerMinute(source);
        var freshness = FreshnessConfigReader.Read(source) ?? FreshnessPolicy.None;

        var settings = new Dictionary<string, string>();
        var credentials = new Dictionary<string, Credential>();
        foreach (var setting in connector.Settings)
        {
            var missing = $"required key is missing{(setting.Secret ? $"; add '{setting.Key}: ${{{name.ToUpperInvariant()}_{setting.Key.ToUpperInvariant()}}}' and export that variable" : "")}";
            if (setting.Secret && (setting.Required ? source.RequiredSecret(setting.Key, missing) : source.Secret(setting.Key)) is { } credential)
            {
                credentials[setting.Key] = credential;
            }
            else if (!setting.Secret && (setting.Required ? source.RequiredText(setting.Key, missing) : source.Text(setting.Key)) is { } value)
            {
                settings[setting.Key] = setting.IsPath ? System.IO.Path.GetFullPath(System.IO.Path.Combine(source.Directory, value)) : value;
            }
        }

        return new SourceConfig(
            name, type, baseUrl, lookback, reconcile, completeDaysOnly, schedule, streams, requestsPerSecond, maxRetries, retryBaseDelay, settings, credentials)
        {
            TimeZone = timeZone,
            WebhookSecret = webhookSecret,
            WebhookSignature = webhookSignature,
            WebhookRefetchPerMinute = webhookRefetchPerMinute,
            Freshness = freshness,
            StreamSettings = streamSettings,
            ConnectorOptions = declared?.Options,
            // Everything the section's readers took as a secret (a declarative connector's auth too), but what only webhooks use.
            VendorCredentials = [.. source.Credentials().Where(c => c != webhookSecret)],
        };
    }

    /// <summary>
    /// <c>streams:</c> as a list of names or a mapping of names to settings. A connector whose streams come from
    /// outside the config (an empty catalog: CSV's files) has the names checked when a run plans them, and takes each
    /// stream's primary key and column types.
    /// </summary>
    private static (IReadOnlyList<string>? Names, IReadOnlyDictionary<string, StreamSettings> Settings) Streams(ConfigSection source, IConnector connector, string type)
    {
        var settings = new Dictionary<string, StreamSettings>();
        if (source.Entry("streams") is not { } streams)
        {
            return (null, settings);
        }

        var known = connector.Catalog.Select(s => s.Name).ToList();
        string Known(ConfigEntry stream) => known.Contains(stream.Name) || (known.Count == 0 && ConfigNames.IsIdentifier(stream.Name))
            ? stream.Name
            : throw stream.NameError($"unknown stream '{stream.Name}'.{DidYouMean.Hint(stream.Name, known)} Streams of {type}: {string.Join(", ", known)}");

        const string Expected = "expected a list of stream names, e.g. [customers, invoices], or a mapping of stream names to settings";
        if (streams.IsList)
        {
            return ([.. streams.Items(Expected).Select(Known)], settings);
        }

        var names = new List<string>();
        foreach (var stream in streams.Entries(Expected))
        {
            names.Add(Known(stream));
            if (!stream.IsEmpty)
            {
                settings[stream.Name] = stream.Read(
                    "expected stream settings (max_staleness: or freshness:, schedule:) or nothing",
                    section => known.Count > 0 ? StreamSettings.Read(section) : StreamSettings.Read(section) with
                    {
                        PrimaryKey = section.Text("primary_key"),
                        Columns = section.Entry("columns") is { } columns ? DeclaredColumns(columns) : null,
                    });
            }
        }

        return (names, settings);
    }

    /// <summary>Declared column types: <c>columns: {amount: decimal, zip: text}</c>.</summary>
    private static Dictionary<string, ColumnType> DeclaredColumns(ConfigEntry columns)
    {
        var types = ConfigNames.ColumnTypes;
        return columns
            .Entries($"expected a mapping of column names to types, e.g. '{{amount: decimal, zip: text}}'; types: {string.Join(", ", types.Keys)}")
            .ToDictionary(
                column => column.Name,
                column => column.Parse<ColumnType>(types.TryGetValue, text => $"is not a column type.{DidYouMean.Hint(text, types.Keys)} Types: {string.Join(", ", types.Keys)}"),
                StringComparer.Ordinal);
    }
}
