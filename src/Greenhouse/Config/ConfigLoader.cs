using System.Globalization;
using System.Text.RegularExpressions;
using Greenhouse.Sources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// Reads <c>greenhouse.yml</c>: resolves <c>${ENV}</c> references, checks every key against what is known
/// (with a "did you mean"), and reports problems as <c>file:line:column: key: problem</c>.
/// </summary>
public sealed partial class ConfigLoader(ConnectorRegistry connectors, Func<string, string?>? environment = null)
{
    public const string DefaultFileName = "greenhouse.yml";
    public const string DatabaseUrlVariable = "GREENHOUSE_DATABASE_URL";

    private static readonly string[] TopLevelKeys =
        ["warehouse", "schema", "when_running", "lookback", "reconcile", "complete_days_only", "sources", "notifications", "remind_every", "webhook_max_bytes", "max_concurrency"];

    private static readonly string[] ChannelTypes = ["slack", "telegram", "webhook"];

    private static readonly string[] ChannelKeys = ["type", "url", "bot_token", "chat_id", "base_url", "levels"];

    private static readonly string[] SignatureKeys = ["scheme", "header", "algorithm", "encoding", "prefix"];

    private static readonly string[] StreamKeys = ["max_staleness", "schedule"];

    /// <summary>A connector whose streams come from its config also takes their keys and column types.</summary>
    private static readonly string[] DeclaredStreamKeys = [.. StreamKeys, "primary_key", "columns"];

    private static readonly Dictionary<string, ColumnType> ColumnTypes = Enum.GetValues<ColumnType>().ToDictionary(t => t.ToString().ToLowerInvariant());

    private static readonly string[] CommonSourceKeys =
        ["type", "base_url", "lookback", "reconcile", "complete_days_only", "schedule", "timezone", "streams", "requests_per_second", "max_retries",
         "retry_base_delay", "webhook_secret", "webhook_signature", "max_staleness"];

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();

    public GreenhouseConfig Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(
                $"Config file not found: {fullPath}. Run 'greenhouse init' to write a starter config, or pass --config FILE.");
        }

        var file = new ConfigFile(System.IO.Path.GetFileName(fullPath), System.IO.Path.GetDirectoryName(fullPath)!);
        YamlMappingNode root;
        try
        {
            using var reader = new StreamReader(fullPath);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                throw new ConfigException(
                    $"{file.Name}: expected a mapping of keys at the top level (warehouse:, sources:); see 'greenhouse init' for an example.");
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{file.Name}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {Innermost(e).Message}");
        }

        return Parse(file, root);
    }

    private GreenhouseConfig Parse(ConfigFile file, YamlMappingNode root)
    {
        var keys = Keys(file, root, "", TopLevelKeys);

        var warehouse = keys.TryGetValue("warehouse", out var warehouseNode)
            ? Scalar(file, warehouseNode, "warehouse", secret: false).Value
            : _environment(DatabaseUrlVariable) is { Length: > 0 } url ? url : "sqlite:greenhouse.db";
        if (warehouse.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var sqlitePath = warehouse["sqlite:".Length..];
            if (sqlitePath.Length == 0)
            {
                throw file.Error(warehouseNode!, "warehouse", "a SQLite warehouse needs a file path, e.g. sqlite:greenhouse.db");
            }

            warehouse = "sqlite:" + System.IO.Path.GetFullPath(System.IO.Path.Combine(file.Directory, sqlitePath));
        }

        var schema = keys.TryGetValue("schema", out var schemaNode) ? Scalar(file, schemaNode, "schema", false).Value : "raw";
        if (!Identifier().IsMatch(schema))
        {
            throw file.Error(schemaNode!, "schema", $"'{schema}' is not a plain lower-case identifier (letters, digits, underscores)");
        }

        var whenRunning = WhenRunning.Fail;
        if (keys.TryGetValue("when_running", out var whenNode))
        {
            whenRunning = Scalar(file, whenNode, "when_running", false).Value switch
            {
                "fail" => WhenRunning.Fail,
                "wait" => WhenRunning.Wait,
                var other => throw file.Error(whenNode, "when_running", $"'{other}' is not one of: fail, wait"),
            };
        }

        var defaults = new SourceDefaults(
            OptionalDuration(file, keys, "lookback", "lookback") ?? TimeSpan.FromDays(7),
            OptionalDuration(file, keys, "reconcile", "reconcile") ?? TimeSpan.FromDays(7),
            OptionalBool(file, keys, "complete_days_only", "complete_days_only") ?? false);

        if (!keys.TryGetValue("sources", out var sourcesNode))
        {
            throw new ConfigException($"{file.Name}: sources: required key is missing; add at least one source (see 'greenhouse init').");
        }

        if (sourcesNode is not YamlMappingNode sourcesMapping || sourcesMapping.Children.Count == 0)
        {
            throw file.Error(sourcesNode, "sources", "expected a mapping of source names to their settings, e.g. 'stripe: {type: stripe, api_key: ${STRIPE_API_KEY}}'");
        }

        var sources = new List<SourceConfig>();
        foreach (var (nameNode, sourceNode) in sourcesMapping.Children)
        {
            var name = ((YamlScalarNode)nameNode).Value ?? "";
            if (!Identifier().IsMatch(name))
            {
                throw file.Error(nameNode, $"sources.{name}", "a source name must be a plain lower-case identifier (letters, digits, underscores)");
            }

            sources.Add(ParseSource(file, name, sourceNode, defaults));
        }

        long webhookMaxBytes = 1024 * 1024;
        if (keys.TryGetValue("webhook_max_bytes", out var maxBytesNode))
        {
            var text = Scalar(file, maxBytesNode, "webhook_max_bytes", false).Value;
            webhookMaxBytes = long.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw file.Error(maxBytesNode, "webhook_max_bytes", $"'{text}' is not a positive number of bytes");
        }

        var maxConcurrency = 8;
        if (keys.TryGetValue("max_concurrency", out var concurrencyNode))
        {
            var text = Scalar(file, concurrencyNode, "max_concurrency", false).Value;
            maxConcurrency = int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? n
                : throw file.Error(concurrencyNode, "max_concurrency", $"'{text}' is not a whole number from 1 to 64");
        }

        return new GreenhouseConfig(System.IO.Path.Combine(file.Directory, file.Name), warehouse, schema, whenRunning, sources)
        {
            Connectors = connectors,
            MaxConcurrency = maxConcurrency,
            Notifications = keys.TryGetValue("notifications", out var notificationsNode) ? ParseChannels(file, notificationsNode) : [],
            RemindEvery = OptionalDuration(file, keys, "remind_every", "remind_every") ?? TimeSpan.FromHours(6),
            WebhookMaxBytes = webhookMaxBytes,
        };
    }

    private SourceConfig ParseSource(ConfigFile file, string name, YamlNode node, SourceDefaults defaults)
    {
        var prefix = $"sources.{name}";
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, prefix, "expected a mapping of settings (type:, api_key:, …)");
        }

        if (!mapping.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode))
        {
            throw file.Error(node, $"{prefix}.type", $"required key is missing; one of: {string.Join(", ", connectors.Types)}");
        }

        var type = Scalar(file, typeNode, $"{prefix}.type", false).Value;
        if (!connectors.TryGet(type, out var connector))
        {
            throw file.Error(typeNode, $"{prefix}.type",
                $"unknown source type '{type}'.{DidYouMean.Hint(type, connectors.Types)} Known types: {string.Join(", ", connectors.Types)}");
        }

        var isRest = IsRest(type);
        var keys = Keys(file, mapping, prefix, [.. CommonSourceKeys, .. isRest ? RestSourceKeys : [], .. connector.Settings.Select(s => s.Key)]);

        Uri? baseUrl = null;
        if (keys.TryGetValue("base_url", out var baseUrlNode))
        {
            var text = Scalar(file, baseUrlNode, $"{prefix}.base_url", false).Value;
            if (!Uri.TryCreate(text, UriKind.Absolute, out baseUrl) || (baseUrl.Scheme != "http" && baseUrl.Scheme != "https"))
            {
                throw file.Error(baseUrlNode, $"{prefix}.base_url", $"'{text}' is not an http(s) URL");
            }
        }
        else if (isRest)
        {
            throw file.Error(node, $"{prefix}.base_url", "required key is missing; a rest source needs the API's root, e.g. 'base_url: https://sentry.io/api/0/'");
        }

        IReadOnlyList<string>? streams = null;
        var streamSettings = new Dictionary<string, StreamSettings>();
        var rest = isRest ? ParseRest(file, prefix, node, keys, streamSettings) : null;
        if (!isRest && keys.TryGetValue("streams", out var streamsNode))
        {
            // A connector whose streams come from its config (an empty catalog) has its names checked when a run plans them.
            var known = connector.Catalog.Select(s => s.Name).ToList();
            string Known(YamlNode item)
            {
                var stream = Scalar(file, item, $"{prefix}.streams", false).Value;
                return known.Contains(stream) || (known.Count == 0 && Identifier().IsMatch(stream))
                    ? stream
                    : throw file.Error(item, $"{prefix}.streams", $"unknown stream '{stream}'.{DidYouMean.Hint(stream, known)} Streams of {type}: {string.Join(", ", known)}");
            }

            if (streamsNode is YamlSequenceNode sequence)
            {
                streams = [.. sequence.Children.Select(Known)];
            }
            else if (streamsNode is YamlMappingNode streamMapping)
            {
                var names = new List<string>();
                foreach (var (nameNode, settingsNode) in streamMapping.Children)
                {
                    var stream = Known(nameNode);
                    names.Add(stream);
                    var path = $"{prefix}.streams.{stream}";
                    if (settingsNode is YamlScalarNode { Value: null or "" })
                    {
                        continue;
                    }

                    if (settingsNode is not YamlMappingNode settingsMapping)
                    {
                        throw file.Error(settingsNode, path, "expected stream settings (max_staleness:, schedule:) or nothing");
                    }

                    var streamKeys = Keys(file, settingsMapping, path, known.Count == 0 ? DeclaredStreamKeys : StreamKeys);
                    streamSettings[stream] = new StreamSettings(
                        OptionalDuration(file, streamKeys, "max_staleness", $"{path}.max_staleness"),
                        streamKeys.TryGetValue("schedule", out var streamSchedule) ? Cron(file, streamSchedule, $"{path}.schedule") : null,
                        streamKeys.TryGetValue("primary_key", out var keyNode) ? Scalar(file, keyNode, $"{path}.primary_key", false).Value : null,
                        streamKeys.TryGetValue("columns", out var columnsNode) ? DeclaredColumns(file, columnsNode, $"{path}.columns") : null);
                }

                streams = names;
            }
            else
            {
                throw file.Error(streamsNode, $"{prefix}.streams", "expected a list of stream names, e.g. [customers, invoices], or a mapping of stream names to settings");
            }
        }

        double? requestsPerSecond = null;
        if (keys.TryGetValue("requests_per_second", out var rpsNode))
        {
            var text = Scalar(file, rpsNode, $"{prefix}.requests_per_second", false).Value;
            requestsPerSecond = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rps) && rps > 0
                ? rps
                : throw file.Error(rpsNode, $"{prefix}.requests_per_second", $"'{text}' is not a positive number");
        }

        var maxRetries = 5;
        if (keys.TryGetValue("max_retries", out var retriesNode))
        {
            var text = Scalar(file, retriesNode, $"{prefix}.max_retries", false).Value;
            maxRetries = int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw file.Error(retriesNode, $"{prefix}.max_retries", $"'{text}' is not a whole number ≥ 0");
        }

        var settings = new Dictionary<string, string>();
        var credentials = new Dictionary<string, Credential>();
        foreach (var setting in connector.Settings)
        {
            var key = $"{prefix}.{setting.Key}";
            if (!keys.TryGetValue(setting.Key, out var valueNode))
            {
                if (setting.Required)
                {
                    throw file.Error(node, key, $"required key is missing{(setting.Secret ? $"; add '{setting.Key}: ${{{name.ToUpperInvariant()}_{setting.Key.ToUpperInvariant()}}}' and export that variable" : "")}");
                }

                continue;
            }

            var (value, variable) = Scalar(file, valueNode, key, setting.Secret);
            if (setting.Secret)
            {
                credentials[setting.Key] = new Credential(value, key, variable);
            }
            else
            {
                settings[setting.Key] = setting.IsPath ? System.IO.Path.GetFullPath(System.IO.Path.Combine(file.Directory, value)) : value;
            }
        }

        string? timeZone = null;
        if (keys.TryGetValue("timezone", out var timeZoneNode))
        {
            timeZone = Scalar(file, timeZoneNode, $"{prefix}.timezone", false).Value;
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            {
                throw file.Error(timeZoneNode, $"{prefix}.timezone", $"'{timeZone}' is not a known time zone; write an IANA name such as Europe/Berlin");
            }
        }

        var webhookSecret = keys.TryGetValue("webhook_secret", out var secretNode)
            ? Scalar(file, secretNode, $"{prefix}.webhook_secret", secret: true) is var (secretValue, secretVariable)
                ? new Credential(secretValue, $"{prefix}.webhook_secret", secretVariable)
                : null
            : null;

        return new SourceConfig(
            name,
            type,
            baseUrl,
            OptionalDuration(file, keys, "lookback", $"{prefix}.lookback") ?? defaults.Lookback,
            OptionalDuration(file, keys, "reconcile", $"{prefix}.reconcile") ?? defaults.Reconcile,
            OptionalBool(file, keys, "complete_days_only", $"{prefix}.complete_days_only") ?? defaults.CompleteDaysOnly,
            keys.TryGetValue("schedule", out var scheduleNode) ? Cron(file, scheduleNode, $"{prefix}.schedule") : "0 * * * *",
            streams,
            requestsPerSecond,
            maxRetries,
            OptionalDuration(file, keys, "retry_base_delay", $"{prefix}.retry_base_delay") ?? TimeSpan.FromSeconds(1),
            settings,
            credentials)
        {
            TimeZone = timeZone,
            WebhookSecret = webhookSecret,
            WebhookSignature = keys.TryGetValue("webhook_signature", out var signatureNode) ? Signature(file, signatureNode, $"{prefix}.webhook_signature") : null,
            MaxStaleness = OptionalDuration(file, keys, "max_staleness", $"{prefix}.max_staleness"),
            StreamSettings = streamSettings,
            Rest = rest,
        };
    }

    /// <summary>Declared column types: <c>columns: {amount: decimal, zip: text}</c>.</summary>
    private Dictionary<string, ColumnType> DeclaredColumns(ConfigFile file, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, path, $"expected a mapping of column names to types, e.g. '{{amount: decimal, zip: text}}'; types: {string.Join(", ", ColumnTypes.Keys)}");
        }

        var columns = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var (nameNode, typeNode) in mapping.Children)
        {
            var name = Scalar(file, nameNode, path, false).Value;
            var type = Scalar(file, typeNode, $"{path}.{name}", false).Value;
            columns[name] = ColumnTypes.TryGetValue(type, out var columnType)
                ? columnType
                : throw file.Error(typeNode, $"{path}.{name}", $"'{type}' is not a column type.{DidYouMean.Hint(type, ColumnTypes.Keys)} Types: {string.Join(", ", ColumnTypes.Keys)}");
        }

        return columns;
    }

    /// <summary>A cron expression as Quartz reads it: standard five fields (minute first) or Quartz's six or seven.</summary>
    private string Cron(ConfigFile file, YamlNode node, string key)
    {
        var text = Scalar(file, node, key, false).Value;
        return Scheduling.CronSchedule.TryParse(text, TimeZoneInfo.Utc, out _, out var problem)
            ? text
            : throw file.Error(node, key, $"'{text}' is not a cron expression ({problem}); write e.g. \"0 * * * *\" for hourly");
    }

    private WebhookSignatureConfig Signature(ConfigFile file, YamlNode node, string path)
    {
        var schemes = connectors.WebhookSchemes;
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, path, $"expected scheme: ({string.Join(", ", schemes.SkipLast(1))} or {schemes[^1]}) and, for hmac, header:, algorithm:, encoding:, prefix:");
        }

        var keys = Keys(file, mapping, path, SignatureKeys);
        string Value(string key, string fallback) => keys.TryGetValue(key, out var n) ? Scalar(file, n, $"{path}.{key}", false).Value : fallback;
        var scheme = Value("scheme", "hmac");
        if (!schemes.Contains(scheme))
        {
            throw file.Error(keys["scheme"], $"{path}.scheme", $"'{scheme}' is not one of: {string.Join(", ", schemes)}.{DidYouMean.Hint(scheme, schemes)}");
        }

        var algorithm = Value("algorithm", "sha256");
        if (algorithm is not ("sha1" or "sha256" or "sha512"))
        {
            throw file.Error(keys["algorithm"], $"{path}.algorithm", $"'{algorithm}' is not one of: sha1, sha256, sha512");
        }

        var encoding = Value("encoding", "hex");
        if (encoding is not ("hex" or "base64"))
        {
            throw file.Error(keys["encoding"], $"{path}.encoding", $"'{encoding}' is not one of: hex, base64");
        }

        var header = keys.TryGetValue("header", out var headerNode) ? Scalar(file, headerNode, $"{path}.header", false).Value : null;
        if (scheme == "hmac" && header is null)
        {
            throw file.Error(node, $"{path}.header", "required for scheme hmac: the request header that carries the signature");
        }

        return new WebhookSignatureConfig(scheme, header, algorithm, encoding, Value("prefix", ""));
    }

    private List<NotificationChannelConfig> ParseChannels(ConfigFile file, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, "notifications", "expected a mapping of channel names to settings, e.g. 'alerts: {type: slack, url: ${SLACK_WEBHOOK_URL}}'");
        }

        var channels = new List<NotificationChannelConfig>();
        foreach (var (nameNode, channelNode) in mapping.Children)
        {
            var name = ((YamlScalarNode)nameNode).Value ?? "";
            var path = $"notifications.{name}";
            if (channelNode is not YamlMappingNode channelMapping)
            {
                throw file.Error(channelNode, path, "expected type: and the channel's settings");
            }

            var keys = Keys(file, channelMapping, path, ChannelKeys);
            if (!keys.TryGetValue("type", out var typeNode))
            {
                throw file.Error(channelNode, $"{path}.type", $"required key is missing; one of: {string.Join(", ", ChannelTypes)}");
            }

            var type = Scalar(file, typeNode, $"{path}.type", false).Value;
            if (!ChannelTypes.Contains(type))
            {
                throw file.Error(typeNode, $"{path}.type", $"unknown channel type '{type}'.{DidYouMean.Hint(type, ChannelTypes)} Known types: {string.Join(", ", ChannelTypes)}");
            }

            Credential? Secret(string key, bool required)
            {
                if (!keys.TryGetValue(key, out var secretNode))
                {
                    return required
                        ? throw file.Error(channelNode, $"{path}.{key}", $"required for a {type} channel; add '{key}: ${{{name.ToUpperInvariant()}_{key.ToUpperInvariant()}}}' and export that variable")
                        : null;
                }

                var (value, variable) = Scalar(file, secretNode, $"{path}.{key}", secret: true);
                return new Credential(value, $"{path}.{key}", variable);
            }

            var levels = new HashSet<NotificationLevel> { NotificationLevel.Error, NotificationLevel.Warn };
            if (keys.TryGetValue("levels", out var levelsNode))
            {
                if (levelsNode is not YamlSequenceNode levelList)
                {
                    throw file.Error(levelsNode, $"{path}.levels", "expected a list, e.g. [error, warn]");
                }

                levels = [.. levelList.Children.Select(item => Scalar(file, item, $"{path}.levels", false).Value switch
                {
                    "error" => NotificationLevel.Error,
                    "warn" => NotificationLevel.Warn,
                    "success" => NotificationLevel.Success,
                    var other => throw file.Error(item, $"{path}.levels", $"'{other}' is not one of: error, warn, success"),
                })];
            }

            Uri? baseUrl = null;
            if (keys.TryGetValue("base_url", out var baseUrlNode))
            {
                var text = Scalar(file, baseUrlNode, $"{path}.base_url", false).Value;
                baseUrl = Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : throw file.Error(baseUrlNode, $"{path}.base_url", $"'{text}' is not an http(s) URL");
            }

            var chatId = keys.TryGetValue("chat_id", out var chatNode) ? Scalar(file, chatNode, $"{path}.chat_id", false).Value : null;
            if (type == "telegram" && chatId is null)
            {
                throw file.Error(channelNode, $"{path}.chat_id", "required for a telegram channel: the chat to post to");
            }

            channels.Add(new NotificationChannelConfig(
                name,
                type,
                levels,
                Secret("url", required: type != "telegram"),
                Secret("bot_token", required: type == "telegram"),
                chatId,
                baseUrl));
        }

        return channels;
    }

    private static Dictionary<string, YamlNode> Keys(ConfigFile file, YamlMappingNode mapping, string prefix, IReadOnlyCollection<string> known)
    {
        var keys = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (!known.Contains(key))
            {
                throw file.Error(keyNode, path, $"unknown key.{DidYouMean.Hint(key, known)} Known keys here: {string.Join(", ", known)}");
            }

            keys[key] = valueNode;
        }

        return keys;
    }

    /// <summary>A scalar with <c>${ENV}</c> references resolved. Secret keys must be exactly one reference.</summary>
    private (string Value, string? Variable) Scalar(ConfigFile file, YamlNode node, string key, bool secret)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw file.Error(node, key, "expected a single value");
        }

        var text = scalar.Value;
        var references = EnvReference().Matches(text);
        if (secret && (references.Count != 1 || references[0].Value != text.Trim()))
        {
            throw file.Error(node, key,
                "a credential must be an environment variable reference such as ${STRIPE_API_KEY}, not a literal value (a literal would end up in version control and logs)");
        }

        string? variable = null;
        var resolved = EnvReference().Replace(text, match =>
        {
            variable = match.Groups[1].Value;
            var value = _environment(variable);
            return string.IsNullOrEmpty(value)
                ? throw file.Error(node, key, $"environment variable {variable} is not set. Export it (export {variable}=…) or change the reference")
                : value;
        });

        if (secret)
        {
            Secrets.Register(resolved);
        }

        return (resolved, variable);
    }

    private TimeSpan? OptionalDuration(ConfigFile file, Dictionary<string, YamlNode> keys, string key, string path)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        var text = Scalar(file, node, path, false).Value;
        return Duration.TryParse(text, out var value)
            ? value
            : throw file.Error(node, path, $"'{text}' is not a duration; write e.g. 30m, 12h, 7d");
    }

    private bool? OptionalBool(ConfigFile file, Dictionary<string, YamlNode> keys, string key, string path)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        return Scalar(file, node, path, false).Value.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var other => throw file.Error(node, path, $"'{other}' is not true or false"),
        };
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private sealed record SourceDefaults(TimeSpan Lookback, TimeSpan Reconcile, bool CompleteDaysOnly);

    private sealed record ConfigFile(string Name, string Directory)
    {
        public ConfigException Error(YamlNode node, string key, string problem) =>
            new($"{Name}:{node.Start.Line}:{node.Start.Column}: {key}: {problem}.".Replace("..", ".", StringComparison.Ordinal));
    }
}
