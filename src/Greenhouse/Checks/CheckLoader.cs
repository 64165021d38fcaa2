using Greenhouse.Config;
using Greenhouse.Transform.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Checks;

/// <summary>
/// Reads the checks: every <c>*.yml</c> (and <c>*.yaml</c>) file of the <c>checks:</c> folder (default <c>checks/</c>
/// beside greenhouse.yml, when it exists), each a <c>checks:</c> mapping of names to entries. A problem names the file,
/// line, column, key and what is wrong, with a "did you mean" for a misspelt key, severity or channel.
/// </summary>
public static class CheckLoader
{
    private static readonly string[] Severities = ["warn", "error"];

    /// <summary>The folder the checks are read from: <c>checks:</c>, else <c>checks/</c> beside greenhouse.yml.</summary>
    public static string Folder(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ChecksPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(config.Path))!, "checks");
    }

    /// <summary>Every check, in file then entry order; none when the default folder does not exist.</summary>
    public static IReadOnlyList<CheckDefinition> Load(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var folder = Folder(config);
        var configFolder = Path.GetDirectoryName(Path.GetFullPath(config.Path))!;
        if (!Directory.Exists(folder))
        {
            return config.ChecksPath is null
                ? []
                : throw new ConfigException($"{Path.GetFileName(config.Path)}: checks: the folder {folder} does not exist. Create it with a .yml file of checks, or fix the path.");
        }

        var channels = config.Notifications.Select(c => c.Name).ToList();
        var checks = new List<CheckDefinition>();
        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(configFolder, file).Replace('\\', '/');
            foreach (var check in Read(file, name, channels))
            {
                if (checks.Find(c => c.Name == check.Name) is { } earlier)
                {
                    throw new ConfigException($"{check.Location}: checks.{check.Name}: the name is taken by the check at {earlier.Location}; rename one.");
                }

                checks.Add(check);
            }
        }

        return checks;
    }

    /// <summary>Reads one file; <paramref name="name"/> is how errors name it.</summary>
    internal static IReadOnlyList<CheckDefinition> Read(string path, string name, IReadOnlyList<string> channels)
    {
        var document = new ConfigDocument(name, Path.GetDirectoryName(path)!, Environment.GetEnvironmentVariable);
        YamlMappingNode root;
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                return [];
            }

            root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new ConfigException($"{name}: expected a mapping with checks: at the top level, e.g. 'checks: {{overdue: {{sql: ..., key: id}}}}'.");
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{name}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {(e.InnerException ?? e).Message}");
        }

        return ConfigSection.Read(document, root, "", section =>
        {
            section.Require("checks", "required: a mapping of check names to their description:, sql:, key: …");
            return section.Entry("checks") is { } entries
                ? entries.Entries("expected a mapping of check names to settings, e.g. 'overdue_issues: {sql: select ..., key: id}'")
                    .Select(entry => Check(entry, name, channels))
                    .ToList()
                : [];
        });
    }

    private static CheckDefinition Check(ConfigEntry entry, string file, IReadOnlyList<string> channels)
    {
        if (!ConfigNames.IsIdentifier(entry.Name))
        {
            throw entry.NameError("a check's name is a plain lower-case identifier (letters, digits, underscores), e.g. overdue_linear_issues");
        }

        return entry.Read("expected a mapping with sql: and, optionally, description:, key:, severity:, message:, notify:, schedule:, remind_every:, max_rows:", section =>
        {
            var description = section.Text("description");
            var sqlEntry = section.Entry("sql");
            var sql = section.RequiredText("sql", "required: the query whose rows are the offenders");
            var key = section.Entry("key") is { } keyEntry ? Names(keyEntry, "expected a column or a list of columns, e.g. key: [customer_id, coupon]") : [];
            var severity = section.Choice("severity", Severities) == "warn" ? CheckSeverity.Warn : CheckSeverity.Error;
            var messageEntry = section.Entry("message");
            var message = messageEntry?.Text();
            if (messageEntry is not null)
            {
                try
                {
                    Template.Parse(message!, file);
                }
                catch (TemplateException e)
                {
                    throw messageEntry.Error($"not a valid template: {e.Reason}");
                }
            }

            IReadOnlyList<string>? notify = null;
            if (section.Entry("notify") is { } notifyEntry)
            {
                var items = Values(notifyEntry, "expected a channel or a list of channels, e.g. notify: [team]");
                foreach (var (item, channel) in items.Where(i => !channels.Contains(i.Value)))
                {
                    throw item.Error(channels.Count == 0
                        ? $"'{channel}' is not a channel: greenhouse.yml has no notifications: section; add one, or remove notify"
                        : $"'{channel}' is not a channel of greenhouse.yml's notifications:.{DidYouMean.Hint(channel, channels)} Channels: {string.Join(", ", channels)}");
                }

                notify = [.. items.Select(i => i.Value).Distinct(StringComparer.Ordinal)];
            }

            var schedule = section.Cron("schedule");
            var remindEvery = section.Duration("remind_every") ?? CheckDefinition.DefaultRemindEvery;
            var maxRows = (int?)section.Integer("max_rows", 1, 10_000, "is not a whole number from 1 to 10000") ?? CheckDefinition.DefaultMaxRows;
            var sqlLine = sqlEntry is null ? entry.Line : sqlEntry.IsBlock ? sqlEntry.Line + 1 : sqlEntry.Line;
            return new CheckDefinition(entry.Name, description, sql, key, severity, message, notify, schedule, remindEvery, maxRows, file, entry.NameLine, sqlLine);
        });
    }

    private static List<string> Names(ConfigEntry entry, string problem) =>
        [.. Values(entry, problem).Select(v => v.Value).Where(v => v.Length > 0)];

    /// <summary>A single value or a list of them, each with the entry its errors are placed at.</summary>
    private static List<(ConfigEntry Entry, string Value)> Values(ConfigEntry entry, string problem)
    {
        if (entry.IsMapping)
        {
            throw entry.Error(problem);
        }

        return entry.IsList ? [.. entry.Items(problem).Select(i => (i, i.Name.Trim()))] : [(entry, entry.Text().Trim())];
    }
}
