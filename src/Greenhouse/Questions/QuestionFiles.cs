using System.Globalization;
using System.Text;
using Greenhouse.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Questions;

/// <summary>A dashboard as its YAML file holds it: its cards are the names of their questions, in order.</summary>
public sealed record DashboardFile(string Name, string Collection, IReadOnlyList<string> Cards, string File);

/// <summary>What a folder of question and dashboard files holds.</summary>
public sealed record QuestionFileSet(IReadOnlyList<SavedQuestion> Questions, IReadOnlyList<DashboardFile> Dashboards);

/// <summary>
/// Saved questions and dashboards as YAML files, one per question (<c>questions/&lt;name&gt;.yml</c>) and per dashboard
/// (<c>dashboards/&lt;name&gt;.yml</c>), so they can be version-controlled and reviewed: SQL as a literal block, a
/// dashboard's cards by question name. Reading reports every problem as <c>file:line:column: key: problem</c>.
/// </summary>
public static class QuestionFiles
{
    public const string QuestionsFolder = "questions";
    public const string DashboardsFolder = "dashboards";

    private static readonly string[] QuestionKeys = ["name", "collection", "sql", "chart", "x", "y", "parameters"];
    private static readonly string[] ParameterKeys = ["name", "type", "default"];
    private static readonly string[] DashboardKeys = ["name", "collection", "cards"];

    /// <summary>
    /// Writes every question and dashboard under <paramref name="folder"/>, and removes the <c>.yml</c> files there
    /// that no longer name one (a question deleted since the last export); returns the files written, relative.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<SavedQuestion> questions, IReadOnlyList<Dashboard> dashboards)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(dashboards);
        var written = new List<string>();
        written.AddRange(WriteAll(folder, QuestionsFolder, questions.Select(q => (q.Name, Document(q)))));
        written.AddRange(WriteAll(folder, DashboardsFolder, dashboards.Select(d => (d.Name, Document(d)))));
        return written;
    }

    /// <summary>Reads <c>questions/*.yml</c> and <c>dashboards/*.yml</c> under <paramref name="folder"/>; throws <see cref="QuestionException"/> with every problem found.</summary>
    public static QuestionFileSet Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new QuestionException($"{folder}: no such folder; 'greenhouse questions export {folder}' writes one.");
        }

        var problems = new List<string>();
        var questions = Files(folder, QuestionsFolder).Select(file => Parse(folder, file, QuestionKeys, problems, ReadQuestion)).OfType<SavedQuestion>().ToList();
        var dashboards = Files(folder, DashboardsFolder).Select(file => Parse(folder, file, DashboardKeys, problems, ReadDashboard)).OfType<DashboardFile>().ToList();
        if (questions.Count == 0 && dashboards.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{folder}: no {QuestionsFolder}/*.yml or {DashboardsFolder}/*.yml files in it.");
        }

        foreach (var twice in questions.GroupBy(q => q.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{QuestionsFolder}: {twice.Count()} files name the question '{twice.Key}'; names are unique.");
        }

        foreach (var twice in dashboards.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{DashboardsFolder}: {string.Join(" and ", twice.Select(d => d.File))} name the dashboard '{twice.Key}'; names are unique.");
        }

        return problems.Count > 0 ? throw new QuestionException(string.Join(Environment.NewLine, problems)) : new QuestionFileSet(questions, dashboards);
    }

    private static IEnumerable<string> WriteAll(string folder, string kind, IEnumerable<(string Name, YamlMappingNode Document)> items)
    {
        var directory = Path.Combine(folder, kind);
        Directory.CreateDirectory(directory);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, document) in items)
        {
            var file = Slug(name);
            for (var n = 2; !names.Add(file); n++)
            {
                file = $"{Slug(name)}-{n}";
            }

            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
            var text = writer.ToString();
            File.WriteAllText(Path.Combine(directory, file + ".yml"), text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text, new UTF8Encoding(false));
            yield return $"{kind}/{file}.yml";
        }

        foreach (var stale in Directory.EnumerateFiles(directory, "*.yml").Where(f => !names.Contains(Path.GetFileNameWithoutExtension(f))))
        {
            File.Delete(stale);
        }
    }

    private static YamlMappingNode Document(SavedQuestion question)
    {
        var document = new YamlMappingNode { { "name", question.Name }, { "collection", question.Collection }, { "sql", Block(question.Sql) } };
        foreach (var (key, value) in new[] { ("chart", question.Chart), ("x", question.X), ("y", question.Y) })
        {
            if (value is not null)
            {
                document.Add(key, value);
            }
        }

        if (question.Parameters.Count > 0)
        {
            document.Add("parameters", new YamlSequenceNode(question.Parameters.Select(p =>
            {
                var parameter = new YamlMappingNode { { "name", p.Name }, { "type", p.Type } };
                if (p.Default is not null)
                {
                    parameter.Add("default", new YamlScalarNode(p.Default) { Style = ScalarStyle.DoubleQuoted });
                }

                return parameter;
            })));
        }

        return document;
    }

    private static YamlMappingNode Document(Dashboard dashboard) => new()
    {
        { "name", dashboard.Name },
        { "collection", dashboard.Collection },
        { "cards", new YamlSequenceNode(dashboard.Cards.Select(c => new YamlScalarNode(c.Name))) },
    };

    /// <summary>SQL as a literal block, as written; YAML cannot hold trailing spaces on a line of a block, so such SQL is double-quoted.</summary>
    private static YamlScalarNode Block(string sql) => new(sql)
    {
        Style = sql.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t')) || sql.Contains('\r', StringComparison.Ordinal) || sql.StartsWith(' ')
            ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Literal,
    };

    private static SavedQuestion ReadQuestion(Reader reader)
    {
        var parameters = reader.List("parameters", item =>
        {
            var parameter = new QuestionParameter(item.Required("name"), item.Optional("type") ?? QuestionParameter.Text, item.Optional("default"));
            item.Check(() => QuestionSql.Check(parameter, parameter.Default ?? ""), parameter.Default is null && QuestionParameter.Types.Contains(parameter.Type));
            return parameter;
        }, ParameterKeys);
        return new SavedQuestion(0, reader.Required("name"), reader.Optional("collection") ?? QuestionStore.DefaultCollection, reader.Required("sql"),
            reader.Optional("chart"), reader.Optional("x"), reader.Optional("y"), "", default)
        {
            Parameters = parameters,
        };
    }

    private static DashboardFile ReadDashboard(Reader reader) =>
        new(reader.Required("name"), reader.Optional("collection") ?? QuestionStore.DefaultCollection, reader.Texts("cards"), reader.File);

    private static IEnumerable<string> Files(string folder, string kind) =>
        Directory.Exists(Path.Combine(folder, kind))
            ? Directory.EnumerateFiles(Path.Combine(folder, kind), "*.yml").Order(StringComparer.Ordinal)
            : [];

    private static T? Parse<T>(string folder, string path, string[] keys, List<string> problems, Func<Reader, T> read)
        where T : class
    {
        var file = Path.GetRelativePath(folder, path).Replace('\\', '/');
        try
        {
            using var text = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(text);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add($"{file}: expected a mapping of keys (name:, sql: …).");
                return null;
            }

            var reader = new Reader(file, root, keys, problems);
            var value = read(reader);
            return reader.Failed ? null : value;
        }
        catch (YamlException e)
        {
            problems.Add($"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {(e.InnerException ?? e).Message}");
            return null;
        }
    }

    /// <summary>A file name for a question or dashboard: its name in lower case, runs of other characters as one '-'.</summary>
    internal static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "untitled" : text[..Math.Min(text.Length, 80)];
    }

    /// <summary>One mapping of a file: its keys as text, each problem as <c>file:line:column: key: problem</c>.</summary>
    private sealed class Reader
    {
        private readonly YamlMappingNode _node;
        private readonly List<string> _problems;
        private readonly int _before;

        public Reader(string file, YamlMappingNode node, string[] known, List<string> problems, string path = "")
        {
            File = file;
            _node = node;
            _problems = problems;
            _before = problems.Count;
            Path = path;
            foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Where(k => !known.Contains(k.Value)))
            {
                Problem(key, key.Value ?? "", $"unknown key.{DidYouMean.Hint(key.Value ?? "", known)} Known keys here: {string.Join(", ", known)}.");
            }
        }

        public string File { get; }

        private string Path { get; }

        public bool Failed => _problems.Count > _before;

        public string Required(string key) => Optional(key) ?? Missing(key);

        public string? Optional(string key)
        {
            if (!_node.Children.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value is YamlScalarNode scalar)
            {
                return scalar.Value is { Length: > 0 } text ? text : null;
            }

            Problem(value, key, "expected a value, not a list or mapping.");
            return null;
        }

        public List<string> Texts(string key) => List(key, item => item.Scalar, []);

        public List<T> List<T>(string key, Func<Reader, T> read, string[] known)
        {
            if (!_node.Children.TryGetValue(key, out var value))
            {
                return [];
            }

            if (value is not YamlSequenceNode list)
            {
                Problem(value, key, "expected a list.");
                return [];
            }

            var items = new List<T>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var item = list.Children[i];
                var path = $"{Key(key)}[{i}]";
                if (known.Length == 0 && item is YamlScalarNode { Value: { Length: > 0 } })
                {
                    items.Add(read(new Reader(File, new YamlMappingNode(), [], _problems, path) { Scalar = ((YamlScalarNode)item).Value! }));
                }
                else if (known.Length > 0 && item is YamlMappingNode mapping)
                {
                    items.Add(read(new Reader(File, mapping, known, _problems, path)));
                }
                else
                {
                    Problem(item, path, known.Length == 0 ? "expected a name." : $"expected a mapping of {string.Join(", ", known)}.");
                }
            }

            return items;
        }

        private string Scalar { get; init; } = "";

        /// <summary>Runs <paramref name="check"/> (unless <paramref name="skip"/>); its <see cref="QuestionException"/> becomes a problem placed at this mapping.</summary>
        public void Check(Action check, bool skip = false)
        {
            try
            {
                if (!skip)
                {
                    check();
                }
            }
            catch (QuestionException e)
            {
                Problem(_node, "", e.Message);
            }
        }

        private string Missing(string key)
        {
            Problem(_node, key, "required.");
            return "";
        }

        private string Key(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

        private void Problem(YamlNode at, string key, string problem) =>
            _problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{File}:{at.Start.Line}:{at.Start.Column}: {(key.Length == 0 ? Path : key.Contains('[', StringComparison.Ordinal) ? key : Key(key))}: {problem}"));
    }
}
