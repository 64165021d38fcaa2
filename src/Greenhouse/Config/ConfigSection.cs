using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// One mapping of greenhouse.yml, read by the folder that owns it: typed values whose errors name
/// <c>file:line:col: key: problem</c>. A key the reader never asked for is unknown, with a "did you mean" among the
/// keys it did ask for; a missing required key is reported after those, since a misspelt key is the likelier cause.
/// </summary>
public sealed class ConfigSection
{
    private readonly ConfigDocument _document;
    private readonly YamlMappingNode _node;
    private readonly List<ConfigEntry> _entries;
    private readonly List<string> _read = [];
    private readonly List<ConfigException> _missing = [];

    private ConfigSection(ConfigDocument document, YamlMappingNode node, string path)
    {
        _document = document;
        _node = node;
        Path = path;
        _entries = [.. node.Children.Select(child => EntryOf(document, path, child.Key, child.Value))];
    }

    /// <summary>Where it is, e.g. <c>sources.stripe</c>; empty at the top level.</summary>
    public string Path { get; }

    /// <summary>The config file's folder, which relative paths are read from.</summary>
    public string Directory => _document.Directory;

    /// <summary>The config file's name as errors give it (<c>greenhouse.yml</c>).</summary>
    public string FileName => _document.Name;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The key's entry, or null when it is absent. Asking makes the key known here.</summary>
    public ConfigEntry? Entry(string key)
    {
        if (!_read.Contains(key))
        {
            _read.Add(key);
        }

        return _entries.Find(e => e.Name == key);
    }

    public string? Text(string key) => Entry(key)?.Text();

    public Credential? Secret(string key) => Entry(key)?.Secret();

    /// <summary>The credentials read so far in this section and the sections within it.</summary>
    public IReadOnlyList<Credential> Credentials() => _document.CredentialsUnder(Path);

    public TimeSpan? Duration(string key) =>
        Entry(key)?.Parse<TimeSpan>(Config.Duration.TryParse, _ => "is not a duration; write e.g. 30m, 12h, 7d");

    public bool? Bool(string key) => Entry(key)?.Parse(
        (string text, out bool value) => (value = text.ToLowerInvariant() is "true" or "yes" or "on") || text.ToLowerInvariant() is "false" or "no" or "off",
        _ => "is not true or false");

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; otherwise <c>'text' problem</c>.</summary>
    public long? Integer(string key, long min, long max, string problem) => Entry(key)?.Parse(
        (string text, out long value) => long.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= min && value <= max,
        _ => problem);

    /// <summary>A cron expression as Quartz reads it: standard five fields (minute first) or Quartz's six or seven.</summary>
    public string? Cron(string key)
    {
        if (Entry(key) is not { } entry)
        {
            return null;
        }

        var text = entry.Text();
        return Scheduling.CronSchedule.TryParse(text, TimeZoneInfo.Utc, out _, out var problem)
            ? text
            : throw entry.Error($"'{text}' is not a cron expression ({problem}); write e.g. \"0 * * * *\" for hourly");
    }

    public Uri? Url(string key) => Entry(key)?.Parse<Uri>(TryHttpUrl, _ => "is not an http(s) URL");

    public string? Choice(string key, IReadOnlyCollection<string> choices) => Entry(key)?.Choice(choices);

    /// <summary>A nested mapping read by <paramref name="read"/>, or null when the key is absent.</summary>
    public T? Section<T>(string key, string problem, Func<ConfigSection, T> read)
        where T : class => Entry(key)?.Read(problem, read);

    /// <summary>The key's value; when it is absent, <paramref name="problem"/> is reported once the section is read.</summary>
    public string RequiredText(string key, string problem) => Text(key) ?? Missing(key, problem, "");

    public Credential RequiredSecret(string key, string problem) => Secret(key) ?? Missing(key, problem, new Credential("", PathOf(key), null));

    /// <summary>Reports <paramref name="problem"/>, once the section is read, when the key is absent.</summary>
    public void Require(string key, string problem)
    {
        if (Entry(key) is null)
        {
            Missing(key, problem, 0);
        }
    }

    /// <summary>A problem with the section as a whole (<paramref name="key"/> is what it lacks), placed at the section.</summary>
    public ConfigException Error(string key, string problem) => _document.Error(_node, PathOf(key), problem);

    internal static T Read<T>(ConfigDocument document, YamlMappingNode node, string path, Func<ConfigSection, T> read)
    {
        var section = new ConfigSection(document, node, path);
        var value = read(section);
        section.Finish();
        return value;
    }

    internal static ConfigEntry EntryOf(ConfigDocument document, string path, YamlNode key, YamlNode value)
    {
        var name = (key as YamlScalarNode)?.Value ?? "";
        return new ConfigEntry(document, key, value, path.Length == 0 ? name : $"{path}.{name}", name);
    }

    private static bool TryHttpUrl(string text, [MaybeNullWhen(false)] out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https";

    private T Missing<T>(string key, string problem, T placeholder)
    {
        // The top level has no useful place: its line would be the file's first.
        _missing.Add(Path.Length == 0 ? _document.Error(key, problem) : Error(key, problem));
        return placeholder;
    }

    private void Finish()
    {
        if (_entries.Find(e => !_read.Contains(e.Name)) is { } unknown)
        {
            throw unknown.NameError($"unknown key.{DidYouMean.Hint(unknown.Name, _read)} Known keys here: {string.Join(", ", _read)}");
        }

        if (_missing.Count > 0)
        {
            throw _missing[0];
        }
    }
}
