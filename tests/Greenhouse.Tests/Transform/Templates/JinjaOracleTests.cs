using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Templates;

/// <summary>
/// Renders every template in <c>Corpus/</c> with Python's Jinja2 (set up as dbt sets it up, see jinja_oracle.py)
/// and with ours, and asserts the outputs are byte-identical; a case Jinja2 fails must fail here too. Python runs
/// once for the whole corpus.
/// </summary>
public sealed class JinjaOracleTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "Greenhouse.Tests", "Transform", "Templates");
    private static readonly string CorpusFolder = Path.Combine(Folder, "Corpus");
    private static readonly Lazy<Task<Dictionary<string, JsonElement>>> Oracle = new(RunOracleAsync);

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusFolder, "*.sql").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileNameWithoutExtension(file));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Renders_byte_for_byte_as_Jinja2(string name)
    {
        var expected = (await Oracle.Value)[name];
        var fileName = $"Corpus/{name}.sql";
        var template = Template.Parse(await File.ReadAllTextAsync(Path.Combine(CorpusFolder, name + ".sql")), fileName);
        var context = LoadContext(name);

        if (expected.TryGetProperty("error", out var error))
        {
            var failure = Assert.Throws<TemplateException>(() => template.Render(context));
            Assert.StartsWith(fileName + ":", failure.Message, StringComparison.Ordinal);
            Assert.True(failure.Line > 0, $"Jinja2 failed with {error.GetString()}; ours failed without a line: {failure.Message}");
            return;
        }

        Assert.Equal(expected.GetProperty("output").GetString(), template.Render(context));
    }

    [Fact]
    public void The_corpus_has_at_least_80_templates() => Assert.True(Cases().Count >= 80, $"only {Cases().Count} templates in {CorpusFolder}");

    private static TemplateContext LoadContext(string name)
    {
        var context = new TemplateContext();
        var path = Path.Combine(CorpusFolder, name + ".json");
        if (File.Exists(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var property in document.RootElement.EnumerateObject())
            {
                context.Set(property.Name, ToValue(property.Value));
            }
        }

        return context;
    }

    /// <summary>A JSON value as Python's json module loads it: dict, list, str, int, float, bool, None.</summary>
    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new TemplateDictionary(), (d, p) =>
        {
            d[p.Name] = ToValue(p.Value);
            return d;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 ? element.GetInt64() : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static async Task<Dictionary<string, JsonElement>> RunOracleAsync()
    {
        const string Install = "the Jinja2 oracle needs python3 with Jinja2 (Debian: apt-get install python3-jinja2; .ci/run installs it)";
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder, "jinja_oracle.py"));
        start.ArgumentList.Add(CorpusFolder);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"python3 is not on PATH: {Install}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"python3 jinja_oracle.py exited with {process.ExitCode}: {Install}.\n{await errors}");
            }

            using var document = JsonDocument.Parse(await output);
            return document.RootElement.GetProperty("cases").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }
    }
}
