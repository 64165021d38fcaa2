using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// One key of greenhouse.yml and its value, or one item of a list, as the section that owns it reads it.
/// Its errors name the place (<c>file:line:col</c>) and the dotted <see cref="Path"/>.
/// </summary>
public sealed class ConfigEntry
{
    private readonly ConfigDocument _document;
    private readonly YamlNode _name;
    private readonly YamlNode _value;

    internal ConfigEntry(ConfigDocument document, YamlNode name, YamlNode value, string path, string text)
    {
        _document = document;
        _name = name;
        _value = value;
        Path = path;
        Name = text;
    }

    /// <summary>The key as written; for a list item, its value.</summary>
    public string Name { get; }

    /// <summary>Where it is, e.g. <c>sources.stripe.api_key</c>; a list item has its list's path.</summary>
    public string Path { get; }

    /// <summary>The line its value starts on (1-based).</summary>
    public int Line => (int)_value.Start.Line;

    /// <summary>The line of the key itself (1-based).</summary>
    public int NameLine => (int)_name.Start.Line;

    /// <summary>True when the value is a block scalar (<c>|</c> or <c>&gt;</c>): its text starts on the line after <see cref="Line"/>.</summary>
    public bool IsBlock => _value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded };

    public bool IsEmpty => _value is YamlScalarNode { Value: null or "" };

    public bool IsList => _value is YamlSequenceNode;

    public bool IsMapping => _value is YamlMappingNode;

    /// <summary>The value as written, <c>${ENV}</c> references unresolved.</summary>
    public string RawText => _value is YamlScalarNode { Value: { } raw } ? raw : "";

    /// <summary>The value, with <c>${ENV}</c> references resolved.</summary>
    public string Text() => _document.Scalar(_value, Path, secret: false).Value;

    /// <summary>A credential: exactly one <c>${ENV}</c> reference, never a literal; the variable is read when it is first used.</summary>
    public Credential Secret() => _document.ReadCredential(_value, Path);

    /// <summary>The value as a <typeparamref name="T"/>; otherwise the error <c>'text' problem</c>.</summary>
    public T Parse<T>(ConfigParser<T> parse, Func<string, string> problem)
    {
        var text = Text();
        return parse(text, out var value) ? value : throw Error($"'{text}' {problem(text)}");
    }

    /// <summary>The value when <paramref name="valid"/> says so; otherwise the error <c>'text' problem</c>.</summary>
    public string Check(Func<string, bool> valid, Func<string, string> problem)
    {
        var text = Text();
        return valid(text) ? text : throw Error($"'{text}' {problem(text)}");
    }

    /// <summary>One of <paramref name="choices"/>, with a "did you mean" when the text is close to one.</summary>
    public string Choice(IReadOnlyCollection<string> choices) =>
        Check(choices.Contains, text => $"is not one of: {string.Join(", ", choices)}.{DidYouMean.Hint(text, choices)}");

    /// <summary>A nested mapping read by <paramref name="read"/>; <paramref name="problem"/> when the value is not a mapping.</summary>
    public T Read<T>(string problem, Func<ConfigSection, T> read) =>
        _value is YamlMappingNode mapping ? ConfigSection.Read(_document, mapping, Path, read) : throw Error(problem);

    /// <summary>A mapping of names to values (<c>sources:</c>, <c>columns:</c>), one entry per name.</summary>
    public IReadOnlyList<ConfigEntry> Entries(string problem) =>
        _value is YamlMappingNode mapping
            ? [.. mapping.Children.Select(child => ConfigSection.EntryOf(_document, Path, child.Key, child.Value))]
            : throw Error(problem);

    /// <summary>A list (<c>[error, warn]</c>), one entry per item.</summary>
    public IReadOnlyList<ConfigEntry> Items(string problem) =>
        _value is YamlSequenceNode sequence
            ? [.. sequence.Children.Select(item => new ConfigEntry(_document, item, item, Path, _document.Scalar(item, Path, secret: false).Value))]
            : throw Error(problem);

    /// <summary>A list of mappings (<c>allow: [{email: …, role: …}]</c>), item <c>i</c> read by <paramref name="read"/> as the section <c>path[i]</c>.</summary>
    public IReadOnlyList<T> ReadList<T>(string problem, Func<ConfigSection, T> read) =>
        _value is YamlSequenceNode sequence
            ? [.. sequence.Children.Select((item, i) => item is YamlMappingNode mapping
                ? ConfigSection.Read(_document, mapping, $"{Path}[{i}]", read)
                : throw _document.Error(item, $"{Path}[{i}]", problem))]
            : throw Error(problem);

    /// <summary>A problem with the value, placed at the value.</summary>
    public ConfigException Error(string problem) => _document.Error(_value, Path, problem);

    /// <summary>A problem with the key itself (a bad name), placed at the key.</summary>
    public ConfigException NameError(string problem) => _document.Error(_name, Path, problem);
}
