using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Greenhouse.Config;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// Turns a project's data tests into nodes as dbt's parser does: each entry under a model's, seed's, column's or
/// source table's <c>data_tests:</c>/<c>tests:</c> becomes a generic test named as dbt names it
/// (<c>not_null_orders_id</c>, <c>source_unique_stripe_customers_id</c>, <c>dbt_utils_expression_is_true_…</c>; a
/// name of 64 characters or more is cut and hashed), and each <c>tests/*.sql</c> a singular test. Their config is
/// dbt's defaults, then dbt_project.yml's <c>data_tests:</c> tree, then the entry's own (<c>severity</c>,
/// <c>where</c>… beside the arguments or under <c>config:</c>), then a singular test's <c>config()</c>.
/// </summary>
internal static partial class TestParser
{
    /// <summary>Entry keys that are configs, not arguments of the test macro (dbt's <c>TestBuilder.CONFIG_ARGS</c>).</summary>
    private static readonly string[] ConfigArguments =
        ["severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures", "store_failures_as", "meta", "database", "schema", "alias"];

    /// <summary>The generic tests dbt and dbt_utils ship, for "did you mean".</summary>
    private static IEnumerable<string> BuiltInNames =>
        PortableMacros.Dbt.Keys.Where(k => k.StartsWith("test_", StringComparison.Ordinal)).Select(k => k[5..])
            .Concat(PortableMacros.DbtUtils.Keys.Where(k => k.StartsWith("test_", StringComparison.Ordinal) && !PortableMacros.Dbt.ContainsKey(k)).Select(k => "dbt_utils." + k[5..]));

    /// <summary>The generic tests of the enabled models and seeds, and of the declared source tables.</summary>
    public static List<ParsedNode> Generic(DbtProject project, IReadOnlyList<ParsedNode> nodes, SourceResolver sources, List<string> problems)
    {
        var tests = new List<ParsedNode>();
        foreach (var node in nodes.Where(n => n.Properties is not null))
        {
            var properties = node.Properties!;
            // A version's tests name it as dbt's TestBuilder does (not_null_dim_customers_v2_id) and test that version.
            var (name, reference) = node.Version is { } version
                ? ($"{node.Name}_v{version}", $"ref('{node.Name}', v='{version}')")
                : (node.Name, $"ref('{node.Name}')");
            var target = new TestTarget(name, reference, node.UniqueId, null, IsSource: false, properties.File);
            foreach (var test in properties.Tests)
            {
                Add(project, target, null, test, tests, problems);
            }

            foreach (var column in properties.Columns)
            {
                foreach (var test in column.Tests)
                {
                    Add(project, target, column.Quote ? Quoted(column.Name) : column.Name, test, tests, problems);
                }
            }
        }

        foreach (var source in project.Sources)
        {
            foreach (var table in source.Tables)
            {
                if (sources.Find(source.Name, table.Name) is not { } resolved)
                {
                    continue;
                }

                var target = new TestTarget($"{source.Name}_{table.Name}", $"source('{source.Name}', '{table.Name}')", null, resolved.UniqueId, IsSource: true, source.File);
                foreach (var test in table.Tests)
                {
                    Add(project, target, null, test, tests, problems);
                }

                foreach (var column in table.Columns)
                {
                    foreach (var test in column.Tests)
                    {
                        Add(project, target, column.Quote ? Quoted(column.Name) : column.Name, test, tests, problems);
                    }
                }
            }
        }

        foreach (var group in tests.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.First().File.Path}: two tests are named '{group.Key}' ({string.Join(", ", group.Select(t => t.Test!.Location))}); give one of them a name: or remove the duplicate.");
        }

        return [.. tests.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => g.First())];
    }

    /// <summary>A singular test's node before its parse render: <c>tests/no_negative_mrr.sql</c> is <c>test.shop.no_negative_mrr</c>.</summary>
    public static ParsedNode Singular(DbtProject project, ProjectFile file, Template template, string text) => new()
    {
        UniqueId = $"test.{project.Name}.{file.Name}",
        Name = file.Name,
        Package = project.Name,
        Kind = NodeKind.Test,
        File = file,
        Fqn = [project.Name, .. file.Folders, file.Name],
        Template = template,
        RawCode = text,
        Properties = project.TestProperties.GetValueOrDefault(file.Name),
    };

    /// <summary>The config every test starts from: dbt's defaults, then dbt_project.yml's <c>data_tests:</c> levels for its fqn.</summary>
    public static void MergeProjectConfig(DbtProject project, ParsedNode test)
    {
        NodeConfig.Merge(test.Config, new Dictionary<string, object?>
        {
            ["materialized"] = "test",
            ["enabled"] = true,
            ["severity"] = "ERROR",
            ["warn_if"] = TestSettings.DefaultCondition,
            ["error_if"] = TestSettings.DefaultCondition,
            ["fail_calc"] = TestSettings.DefaultFailCalc,
            ["store_failures"] = false,
            // Where store_failures writes: <target schema>_dbt_test__audit, as in dbt.
            ["schema"] = "dbt_test__audit",
        });
        foreach (var level in project.TestConfigs.For(test.Fqn))
        {
            NodeConfig.Merge(test.Config, level);
        }
    }

    /// <summary>Reads a test's final config into its settings; a problem (naming the test's file) for a value dbt would refuse.</summary>
    public static TestSettings Settings(ParsedNode test, string? attached, List<string> problems)
    {
        var config = test.Config;
        var location = test.Test?.Location ?? test.File.Path;
        var severity = TemplateValues.ToText(config.GetValueOrDefault("severity") ?? "ERROR").Trim();
        if (!severity.Equals("error", StringComparison.OrdinalIgnoreCase) && !severity.Equals("warn", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{location}: test {test.Name}: severity '{severity}' is not warn or error.");
        }

        long? limit = null;
        if (config.GetValueOrDefault("limit") is { } limitValue)
        {
            if (limitValue is long l && l >= 0)
            {
                limit = l;
            }
            else
            {
                problems.Add($"{location}: test {test.Name}: limit {TemplateValues.ToRepr(limitValue)} is not a whole number of rows.");
            }
        }

        return new TestSettings
        {
            SeverityIsError = !severity.Equals("warn", StringComparison.OrdinalIgnoreCase),
            WarnIf = Condition(config, "warn_if"),
            ErrorIf = Condition(config, "error_if"),
            FailCalc = TemplateValues.ToText(config.GetValueOrDefault("fail_calc") ?? TestSettings.DefaultFailCalc),
            Limit = limit,
            StoreFailures = TemplateValues.IsTrue(config.GetValueOrDefault("store_failures")),
            AttachedNode = attached,
            TestName = test.Test?.TestName,
            ColumnName = test.Test?.ColumnName,
            KeyColumns = test.Test?.KeyColumns ?? [],
            Description = test.Test?.Description ?? test.Properties?.Description,
            Location = location,
        };
    }

    private static string Condition(IReadOnlyDictionary<string, object?> config, string key) =>
        TemplateValues.ToText(config.GetValueOrDefault(key) ?? TestSettings.DefaultCondition).Trim();

    private static string Quoted(string column) => $"\"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>What a generic test is on: its name in test names, how its <c>model</c> is written, and its node.</summary>
    private sealed record TestTarget(string Name, string ModelExpression, string? NodeId, string? SourceId, bool IsSource, string File);

    private static void Add(DbtProject project, TestTarget target, string? columnName, PropertyTest entry, List<ParsedNode> tests, List<string> problems)
    {
        if (!TryRead(entry, columnName, out var testName, out var arguments, out var problem))
        {
            problems.Add($"{entry.Location}: {problem}");
            return;
        }

        var match = TestNamePattern().Match(testName);
        if (!match.Success)
        {
            problems.Add($"{entry.Location}: '{testName}' is not a test's name (a name, or package.name such as dbt_utils.expression_is_true).");
            return;
        }

        var @namespace = match.Groups["namespace"].Success ? match.Groups["namespace"].Value : null;
        var name = match.Groups["name"].Value;
        var macro = FindMacro(project, @namespace, name);
        if (macro is null)
        {
            var known = project.MacroFiles.SelectMany(f => f.Macros).Where(m => m.Kind == TemplateMacroKind.Test).Select(m => m.Name).Concat(BuiltInNames).ToList();
            problems.Add(@namespace is not null && @namespace != project.Name && @namespace is not PortableMacros.DbtNamespace and not PortableMacros.DbtUtilsNamespace
                ? $"{entry.Location}: the test {testName} is from the package '{@namespace}', which Greenhouse does not install (dbt_utils is built in); copy its {{% test %}} into macros/."
                : $"{entry.Location}: no generic test '{testName}': not one of dbt's (unique, not_null, accepted_values, relationships), dbt_utils' nor a {{% test {name}(model, column_name) %}} in the project's macros/ or tests/generic/.{DidYouMean.Hint(testName, known)}");
            return;
        }

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in ConfigArguments)
        {
            if (Take(arguments, key, out var value) && value is not null)
            {
                config[key] = value;
            }
        }

        if (Take(arguments, "config", out var nested))
        {
            if (nested is not TemplateDictionary nestedConfig)
            {
                problems.Add($"{entry.Location}: the test {testName}'s config: is not a mapping.");
                return;
            }

            foreach (var pair in nestedConfig)
            {
                config[TemplateValues.ToText(pair.Key).TrimStart('+')] = pair.Value;
            }
        }

        var description = Take(arguments, "description", out var d) ? TemplateValues.ToText(d) : null;
        var customName = Take(arguments, "name", out var n) ? TemplateValues.ToText(n) : null;
        var (shortName, fullName) = Names(@namespace is null ? (target.IsSource ? "source_" + name : name) : $"{@namespace}_{(target.IsSource ? "source_" + name : name)}",
            target.Name, arguments);
        var testNodeName = customName ?? shortName;
        var fqnName = customName ?? fullName;
        var ymlFolders = Folders(project, target.File);
        var node = new ParsedNode
        {
            UniqueId = $"test.{project.Name}.{testNodeName}.{Md5($"{fqnName}|{target.File}")[..10]}",
            Name = testNodeName,
            Package = project.Name,
            Kind = NodeKind.Test,
            File = new ProjectFile(target.File, Path.Combine(project.Root, target.File), ymlFolders),
            Fqn = [project.Name, .. ymlFolders, fqnName],
            Generic = new GenericTest(macro, arguments, target.ModelExpression),
            Test = new TestSettings
            {
                TestName = name,
                ColumnName = columnName,
                KeyColumns = KeyColumns(@namespace, name, arguments),
                Description = description,
                Location = entry.Location,
            },
        };
        MergeProjectConfig(project, node);
        if (customName is null && shortName != fullName && !config.ContainsKey("alias"))
        {
            config["alias"] = shortName;
        }

        NodeConfig.Merge(node.Config, config);
        if (target.NodeId is not null)
        {
            node.DependsOn.Add(target.NodeId);
        }
        else
        {
            node.Sources.Add(target.SourceId!);
        }

        tests.Add(node);
    }

    /// <summary>
    /// A test entry as dbt reads it: <c>- unique</c>; <c>- accepted_values: {values: [...], severity: warn}</c>;
    /// <c>- relationships: {arguments: {to: ..., field: ...}, config: {...}}</c> (dbt 1.10's form); or
    /// <c>- {test_name: unique, name: ...}</c>. The arguments come back with <c>column_name</c> when it is on a column.
    /// </summary>
    private static bool TryRead(PropertyTest entry, string? columnName, out string testName, out TemplateDictionary arguments, out string problem)
    {
        testName = "";
        arguments = new TemplateDictionary();
        problem = "";
        switch (entry.Definition)
        {
            case string name:
                testName = name;
                break;
            case TemplateDictionary mapping when mapping.ContainsKey("test_name"):
                testName = TemplateValues.ToText(mapping["test_name"]);
                foreach (var pair in mapping.Where(p => !Equals(p.Key, "test_name")))
                {
                    arguments[pair.Key] = pair.Value;
                }

                break;
            case TemplateDictionary { Count: 1 } mapping:
                var only = mapping.First();
                testName = TemplateValues.ToText(only.Key);
                if (only.Value is TemplateDictionary given)
                {
                    foreach (var pair in given)
                    {
                        arguments[pair.Key] = pair.Value;
                    }
                }
                else if (only.Value is not null)
                {
                    problem = $"the test {testName}'s arguments are {TemplateValues.ToRepr(only.Value)}, not a mapping of names to values.";
                    return false;
                }

                break;
            case TemplateDictionary mapping:
                problem = $"a test entry is a name (- unique) or a mapping of one test's name to its arguments; this one has {mapping.Count} keys ({string.Join(", ", mapping.Keys.Select(TemplateValues.ToText))}). Split it into one entry per test.";
                return false;
            default:
                problem = $"a test entry is a name (- unique) or a mapping of one test's name to its arguments, not {TemplateValues.ToRepr(entry.Definition)}.";
                return false;
        }

        if (arguments.TryGetValue("arguments", out var nested))
        {
            if (nested is not TemplateDictionary nestedArguments)
            {
                problem = $"the test {testName}'s arguments: is not a mapping.";
                return false;
            }

            arguments.Remove("arguments");
            foreach (var pair in nestedArguments)
            {
                arguments[pair.Key] = pair.Value;
            }
        }

        if (arguments.ContainsKey("model"))
        {
            problem = $"the test {testName} is given model:, but a test's model is the node it is listed under.";
            return false;
        }

        if (columnName is not null)
        {
            arguments["column_name"] = columnName;
        }

        return true;
    }

    private static TemplateMacro? FindMacro(DbtProject project, string? @namespace, string name)
    {
        if (@namespace is null || @namespace == project.Name)
        {
            var own = project.MacroFiles.SelectMany(f => f.Macros).LastOrDefault(m => m.Kind == TemplateMacroKind.Test && m.Name == name);
            if (own is not null || @namespace is not null)
            {
                return own;
            }
        }

        return @namespace switch
        {
            null or PortableMacros.DbtNamespace => PortableMacros.Dbt.GetValueOrDefault("test_" + name),
            PortableMacros.DbtUtilsNamespace => PortableMacros.DbtUtils.GetValueOrDefault("test_" + name),
            _ => null,
        };
    }

    /// <summary>dbt's <c>synthesize_generic_test_names</c>: the test type, target and every argument's values but <c>model</c>, sorted by argument name.</summary>
    internal static (string Short, string Full) Names(string testType, string targetName, TemplateDictionary arguments)
    {
        var parts = new List<string>();
        foreach (var key in arguments.Keys.Select(TemplateValues.ToText).Order(StringComparer.Ordinal))
        {
            var value = arguments[key];
            IEnumerable<object?> values = value switch
            {
                TemplateDictionary mapping => mapping.Values,
                string => [value],
                IEnumerable<object?> items => items,
                _ => [value],
            };
            parts.AddRange(values.Select(v => NonWordCharacters().Replace(TemplateValues.ToText(v), "_")));
        }

        var identifier = $"{testType}_{targetName}";
        var full = $"{identifier}_{string.Join("__", parts)}";
        return full.Length >= 64 ? ($"{identifier[..Math.Min(30, identifier.Length)]}_{Md5(full)}", full) : (full, full);
    }

    /// <summary>What identifies one failing row of a built-in test over time: the value it found, not its count.</summary>
    private static IReadOnlyList<string> KeyColumns(string? @namespace, string name, TemplateDictionary arguments) => (@namespace, name) switch
    {
        (null or PortableMacros.DbtNamespace, "unique") => ["unique_field"],
        (null or PortableMacros.DbtNamespace, "accepted_values") => ["value_field"],
        (null or PortableMacros.DbtNamespace, "relationships") => ["from_field"],
        (PortableMacros.DbtUtilsNamespace, "unique_combination_of_columns") when arguments.TryGetValue("combination_of_columns", out var combination) && combination is List<object?> columns
            => [.. columns.Select(TemplateValues.ToText)],
        _ => [],
    };

    /// <summary>The folders of a properties file under its resource path (<c>models/marts/_marts.yml</c> → <c>[marts]</c>): the middle of its tests' fqn.</summary>
    private static string[] Folders(DbtProject project, string file)
    {
        var root = project.ModelPaths.Concat(project.SeedPaths).Concat(project.TestPaths).Concat(project.MacroPaths)
            .Where(p => file.StartsWith(p + "/", StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
        var inside = root is null ? file : file[(root.Length + 1)..];
        return inside.Split('/')[..^1];
    }

    private static bool Take(TemplateDictionary arguments, string key, out object? value)
    {
        if (!arguments.TryGetValue(key, out value))
        {
            return false;
        }

        arguments.Remove(key);
        return true;
    }

    // dbt names long tests by an MD5 of the full name; a name, not a secret.
#pragma warning disable CA5351
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex(@"^(?:(?<namespace>[A-Za-z_][0-9A-Za-z_]*)\.)?(?<name>[A-Za-z_][0-9A-Za-z_]*)$")]
    private static partial Regex TestNamePattern();

    [GeneratedRegex("[^0-9a-zA-Z_]+")]
    private static partial Regex NonWordCharacters();
}
