using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Transform.Selection;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>
/// Wildcards and <c>path:</c> globs checked against Python's <c>fnmatch.fnmatchcase</c> and <c>pathlib.Path.glob</c>,
/// what dbt-core's selector methods call (wildcard_oracle.py runs them, as dbt's PathSelectorMethod does).
/// </summary>
public sealed class WildcardOracleTests
{
    private static readonly (string Text, string Pattern)[] FnmatchCases =
    [
        ("stg_customers", "stg_*"), ("stg_customers", "*"), ("", "*"), ("x", ""), ("finance.fct_mrr", "*mrr*"),
        ("a.b", "a*"), ("abc", "a?c"), ("ac", "a?c"), ("STG", "stg"), ("stg", "stg"), ("a\nb", "a*b"),
        ("b", "[abc]"), ("d", "[abc]"), ("d", "[!abc]"), ("a", "[!abc]"), ("m", "[a-z]"), ("M", "[a-z]"),
        ("]", "[]]"), ("a", "[]a]"), ("x", "[!]]"), ("]", "[!]]"), ("[", "["), ("a[b", "a[b"), ("a[b", "a[b*"),
        ("-", "[a-]"), ("^", "[^]"), ("b", "[^a]"), ("^", "[^a]"), ("\\", "[\\]"), ("\\", "\\"), ("(x)", "(x)"),
        ("a+b", "a+b"), ("a.b", "a.b"), ("axb", "a.b"), ("ab", "a**b"), ("a$", "a$"), ("{a}", "{a}"), ("é", "?"),
        ("staging", "stag*ng"), ("fct_mrr.v2", "*.v[0-9]"),
    ];

    private static readonly string[] Files =
    [
        "models/staging/stripe/stg_customers.sql", "models/staging/stripe/_stripe__sources.yml", "models/staging/plain/stg_threads.sql",
        "models/marts/dim_customers.sql", "models/marts/finance/fct_mrr.sql", "models/marts/_marts.yml", "models/util_months.sql",
        "seeds/fx_rates.csv", "tests/assert_mrr_not_negative.sql",
    ];

    private static readonly string[] Globs =
    [
        "models", "models/staging", "models/staging/", "./models/staging", "models//staging", "models/*", "models/**",
        "models/**/*.sql", "**/*.yml", "models/staging/*/stg_*", "models/marts/*.sql", "models/m*rts", "models/[ms]*",
        "models/staging/stripe/stg_customers.sql", "models/**/finance", "seeds/*.csv", "models/stag", "tests", "*",
        "models/*/finance/*", "models/marts/**", "**/stg_*.sql", "models/?arts",
    ];

    private static readonly Lazy<Task<JsonElement>> Oracle = new(RunOracleAsync);

    [Fact]
    public async Task Wildcards_match_what_python_fnmatch_matches()
    {
        var expected = (await Oracle.Value).GetProperty("fnmatch").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        var actual = FnmatchCases.Select(c => Wildcard.IsMatch(c.Text, c.Pattern)).ToArray();
        var differences = FnmatchCases.Where((_, i) => expected[i] != actual[i]).Select(c => $"fnmatch({c.Text}, {c.Pattern})");
        Assert.Empty(differences);
    }

    [Fact]
    public async Task Path_globs_select_the_files_dbt_s_path_method_selects_from_the_disk()
    {
        var globs = (await Oracle.Value).GetProperty("globs");
        foreach (var glob in Globs)
        {
            var expected = globs.GetProperty(glob).EnumerateArray().Select(e => e.GetString()).ToArray();
            var pattern = PathPattern.TryParse(glob) ?? throw new InvalidOperationException(glob);
            Assert.True(expected.SequenceEqual(Files.Where(pattern.Selects)), $"path:{glob}: Python selects [{string.Join(", ", expected)}], Greenhouse [{string.Join(", ", Files.Where(pattern.Selects))}]");
        }
    }

    private static async Task<JsonElement> RunOracleAsync()
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "tests", "Greenhouse.Tests", "Transform", "Selection", "wildcard_oracle.py"));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("The wildcard oracle needs python3 on PATH.", e);
        }

        using (process)
        {
            var input = JsonSerializer.Serialize(new { fnmatch = FnmatchCases.Select(c => new[] { c.Text, c.Pattern }), files = Files, globs = Globs });
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"python3 wildcard_oracle.py exited with {process.ExitCode}:\n{await errors}");
            }

            using var document = JsonDocument.Parse(await output);
            return document.RootElement.Clone();
        }
    }
}
