using Greenhouse.Notifications;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Greenhouse.Webhooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// Reads <c>greenhouse.yml</c> section by section (<see cref="ConfigSection"/>): the top level here, the sources in
/// <see cref="SourceConfigReader"/>, notifications, webhooks and a declarative connector's streams in the folders that
/// own them. Problems are reported as <c>file:line:column: key: problem</c>, with a "did you mean".
/// </summary>
public sealed class ConfigLoader(ConnectorRegistry connectors, Func<string, string?>? environment = null)
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
        var warnings = new[] { root.Entry("warehouse"), root.Entry("reader"), root.Entry("model_reader") }
            .OfType<ConfigEntry>()
            .Where(HoldsLiteralPassword)
            .Select(entry => entry.Error(
                "holds a literal password. Put the URL in an environment variable (warehouse: ${GREENHOUSE_DATABASE_URL}) or only the password "
                + "(postgresql://user:${PGPASSWORD}@host/db): a literal ends up in version control and logs, which is why literal API keys are refused.").Message)
            .ToList();
        var schema = root.Entry("schema")?.Check(ConfigNames.IsIdentifier, _ => "is not a plain lower-case identifier (letters, digits, underscores)") ?? "raw";
        var whenRunning = root.Choice("when_running", ["fail", "wait"]) == "wait" ? WhenRunning.Wait : WhenRunning.Fail;
        var sourceReader = new SourceConfigReader(
            connectors,
            root.Duration("lookback") ?? TimeSpan.FromDays(7),
            root.Duration("reconcile") ?? TimeSpan.FromDays(7),
            root.Bool("complete_days_only") ?? false);

        return new GreenhouseConfig(path, warehouse, schema, whenRunning, sourceReader.ReadSources(root))
        {
            Connectors = connectors,
            Notifications = NotificationConfigReader.Read(root),
            RemindEvery = root.Duration("remind_every") ?? TimeSpan.FromHours(6),
            WebhookMaxBytes = WebhookConfigReader.MaxBytes(root),
            MaxConcurrency = (int?)root.Integer("max_concurrency", 1, 64, "is not a whole number from 1 to 64") ?? 8,
            Transform = Transform.TransformConfigReader.Read(root),
            ChecksPath = root.Text("checks") is { } checks ? System.IO.Path.GetFullPath(System.IO.Path.Combine(root.Directory, checks)) : null,
            CustomerIdentity = Customers.CustomersConfigReader.IdentityModel(root),
            Oidc = Access.OidcConfigReader.Read(root),
            Warnings = warnings,
        };
    }

    /// <summary>A PostgreSQL setting whose password is written in the file rather than read from a <c>${VARIABLE}</c>.</summary>
    private static bool HoldsLiteralPassword(ConfigEntry entry) =>
        !entry.RawText.Contains("${", StringComparison.Ordinal)
        && WarehouseSetting.HoldsPassword(entry.RawText);

    /// <summary><c>warehouse:</c>, else <c>GREENHOUSE_DATABASE_URL</c>, else <c>sqlite:greenhouse.db</c>; a SQLite path is read from the config's folder.</summary>
    private WarehouseSetting Warehouse(ConfigSection root)
    {
        var setting = root.Entry("warehouse") is not { } entry
            ? WarehouseSetting.Parse(_environment(DatabaseUrlVariable) is { Length: > 0 } url ? url : "sqlite:greenhouse.db", root.Directory)
            : Parse(entry, text => WarehouseSetting.Parse(text, root.Directory));
        setting = root.Entry("reader") is { } reader ? Parse(reader, setting.WithReader) : setting;
        return root.Entry("model_reader") is { } modelReader ? Parse(modelReader, setting.WithModelReader) : setting;
    }

    /// <summary>Parses a <c>warehouse:</c> or <c>reader:</c> (a login that can only read, PostgreSQL) entry; an error names the entry.</summary>
    private static WarehouseSetting Parse(ConfigEntry entry, Func<string, WarehouseSetting> parse)
    {
        try
        {
            return parse(entry.Text());
        }
        catch (WarehouseException e)
        {
            throw entry.Error(e.Message);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

}
