using System.Globalization;
using Greenhouse.Notifications;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Greenhouse.Webhooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// Reads <c>greenhouse.yml</c> section by section (<see cref="ConfigSection"/>): the top level and each source here,
/// notifications, webhooks and a declarative connector's streams in the folders that own them. Problems are reported
/// as <c>file:line:column: key: problem</c>, with a "did you mean".
/// </summary>
public sealed class ConfigLoader(IReadOnlyDictionary<string, IConnector> connectors, Func<string, string?>? environment = null)
{
    public const string DefaultFileName = "greenhouse.yml";
    public const string DatabaseUrlVariable = "GREENHOUSE_DATABASE_URL";

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public GreenhouseConfig Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(
                $"Config file not found: {fullPath}. Run 'greenhouse init' to write a starter config, or pass --config FILE.");
        }

        var document = new ConfigDocument(System.IO.Path.GetFileName(fullPath), System.IO.Path.GetDirectoryName(fullPath)!, _environment);
        YamlMappingNode root;
        try
        {
            using var reader = new StreamReader(fullPath);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                throw new ConfigException(
                    $"{document.Name}: expected a mapping of keys at the top level (warehouse:, sources:); see 'greenhouse init' for an example.");
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{document.Name}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {Innermost(e).Message}");
        }

        return ConfigSection.Read(document, root, "", section => Read(section, fullPath));
    }

    private GreenhouseConfig Read(ConfigSection root, string path)
    {
        var warehouse = Warehouse(root);
        var schema = root.Entry("schema")?.Check(ConfigNames.IsIdentifier, _ => "is not a plain lower-case identifier (letters, digits, underscores)") ?? "raw";
        var whenRunning = root.Choice("when_running", ["fail", "wait"]) == "wait" ? WhenRunning.Wait : WhenRunning.Fail;
        var defaults = new SourceDefaults(
            root.Duration("lookback") ?? TimeSpan.FromDays(7),
            root.Duration("reconcile") ?? TimeSpan.FromDays(7),
            root.Bool("complete_days_only") ?? false);

        return new GreenhouseConfig(path, warehouse, schema, whenRunning, Sources(root, defaults))
        {
            Notifications = NotificationConfigReader.Read(root),
            RemindEvery = root.Duration("remind_every") ?? TimeSpan.FromHours(6),
            WebhookMaxBytes = WebhookConfigReader.MaxBytes(root),
            MaxConcurrency = (int?)root.Integer("max_concurrency", 1, 64, "is not a whole number from 1 to 64") ?? 8,
        };
    }

    /// <summary><c>warehouse:</c>, else <c>GREENHOUSE_DATABASE_URL</c>, else <c>sqlite:greenhouse.db</c>; a SQLite path is read from the config's folder.</summary>
    private WarehouseSetting Warehouse(ConfigSection root)
    {
        if (root.Entry("warehouse") is not { } entry)
        {
            return WarehouseSetting.Parse(_environment(DatabaseUrlVariable) is { Length: > 0 } url ? url : "sqlite:greenhouse.db", root.Directory);
        }

        try
        {
            return WarehouseSetting.Parse(entry.Text(), root.Directory);
        }
        catch (WarehouseException e)
        {
            throw entry.Error(e.Message);
        }
    }

    private List<SourceConfig> Sources(ConfigSection root, SourceDefaults defaults)
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
            ? source.Read("expected a mapping of settings (type:, api_key:, …)", section => Source(section, source.Name, defaults))
            : throw source.NameError("a source name must be a plain lower-case identifier (letters, digits, underscores)"))];
    }

    private SourceConfig Source(ConfigSection source, string name, SourceDefaults defaults)
    {
        var type = source.Text("type") ?? throw source.Error("type", $"required key is missing; one of: {string.Join(", ", connectors.Keys)}");
        if (!connectors.TryGetValue(type, out var connector))
        {
            throw source.Entry("type")!.Error(
                $"unknown source type '{type}'.{DidYouMean.Hint(type, connectors.Keys)} Known types: {string.Join(", ", connectors.Keys)}");
        }

        var baseUrl = source.Url("base_url");
        var lookback = source.Duration("lookback") ?? defaults.Lookback;
        var reconcile = source.Duration("reconcile") ?? defaults.Reconcile;
        var completeDaysOnly = source.Bool("complete_days_only") ?? defaults.CompleteDaysOnly;
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
        var webhookSignature = WebhookConfigReader.Signature(source);
        var maxStaleness = source.Duration("max_staleness");

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
            MaxStaleness = maxStaleness,
            StreamSettings = streamSettings,
            ConnectorOptions = declared?.Options,
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
                    "expected stream settings (max_staleness:, schedule:) or nothing",
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

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private sealed record SourceDefaults(TimeSpan Lookback, TimeSpan Reconcile, bool CompleteDaysOnly);
}
