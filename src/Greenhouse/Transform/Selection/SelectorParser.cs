using System.Globalization;
using System.Text.RegularExpressions;
using Greenhouse.Config;

namespace Greenhouse.Transform.Selection;

/// <summary>
/// Reads <c>--select</c>/<c>--exclude</c> arguments as dbt-core's <c>graph/cli.py</c> and <c>selector_spec.py</c> do:
/// each argument split at spaces into a union of terms, each term split at commas into an intersection of
/// selectors, each selector <c>[@][n+][method:]value[+n]</c>. Unlike dbt, a selector it cannot use is refused here,
/// before anything is selected, instead of selecting nothing.
/// </summary>
internal static partial class SelectorParser
{
    private static readonly string[] MethodNames =
    [
        "fqn", "tag", "source", "path", "file", "package", "config", "resource_type", "test_name", "test_type", "group",
        "access", "version", "exposure", "metric", "semantic_model", "saved_query", "unit_test",
    ];

    /// <summary>dbt's <c>NodeType</c> values; Greenhouse has nodes of the first four.</summary>
    private static readonly string[] ResourceTypes =
    [
        "model", "seed", "test", "source", "snapshot", "analysis", "exposure", "metric", "semantic_model", "saved_query",
        "unit_test", "macro", "doc", "operation", "group", "fixture", "rpc", "sql_operation",
    ];

    private static readonly string[] TestTypes = ["generic", "singular", "data", "unit", "schema"];

    private static readonly string[] Versions = ["latest", "prerelease", "old", "none"];

    /// <summary>dbt's <c>RAW_SELECTOR_PATTERN</c>, with ASCII digits for the depths.</summary>
    [GeneratedRegex(@"\A(?<childrens_parents>@)?(?<parents>(?<parents_depth>[0-9]*)\+)?((?<method>[\w.]+):)?(?<value>.*?)(?<children>\+(?<children_depth>[0-9]*))?\z", RegexOptions.Singleline)]
    private static partial Regex SelectorPattern();

    /// <summary>The terms of the arguments (<c>["a b", "c,d"]</c> is the union of <c>a</c>, <c>b</c> and <c>c,d</c>); none for no arguments.</summary>
    public static IReadOnlyList<SelectionTerm> ParseUnion(IEnumerable<string> arguments, string option)
    {
        var terms = new List<SelectionTerm>();
        foreach (var raw in arguments.SelectMany(a => a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = raw.Split(',');
            if (parts.Any(p => p.Length == 0))
            {
                throw Fail(raw, option,
                    "it has an empty part: an intersection is selectors joined by commas without spaces, as in 'tag:nightly,config.materialized:table'.");
            }

            terms.Add(new SelectionTerm(raw, [.. parts.Select(p => ParseCriterion(p, option))]));
        }

        return terms;
    }

    public static SelectionCriterion ParseCriterion(string raw, string option)
    {
        var match = SelectorPattern().Match(raw);
        var value = match.Groups["value"].Value;
        var childrensParents = match.Groups["childrens_parents"].Success;
        var parents = match.Groups["parents"].Success;
        var children = match.Groups["children"].Success;
        var methodGroup = match.Groups["method"];

        if (value.Length == 0)
        {
            throw methodGroup.Success
                ? Fail(raw, option, $"it gives no value after '{methodGroup.Value}:'; write one, as in '{Example(methodGroup.Value)}'.")
                : Fail(raw, option, "it has a graph operator but no node to apply it to; write a selector with it, as in '2+stg_customers', 'stg_customers+3' or '@stg_customers'.");
        }

        if (childrensParents && children)
        {
            throw Fail(raw, option,
                $"'@' and a trailing '+' cannot be combined: '@{value}' already selects {value}'s descendants and all their ancestors; write '@{value}' or '{value}+'.");
        }

        var (method, methodName, arguments) = methodGroup.Success
            ? ParseMethod(raw, option, methodGroup.Value)
            : DefaultMethod(value);
        CheckValue(raw, option, method, value);
        if (Wildcard.Problem(value) is { } problem)
        {
            throw Fail(raw, option, $"'{value}' is not a wildcard pattern: {problem}; wildcards are *, ?, [abc], [a-z] and [!abc].");
        }

        return new SelectionCriterion
        {
            Raw = raw,
            Method = method,
            MethodName = methodName,
            Arguments = arguments,
            Value = value,
            ChildrensParents = childrensParents,
            Parents = parents,
            ParentsDepth = Depth(raw, option, match.Groups["parents_depth"].Value),
            Children = children,
            ChildrenDepth = Depth(raw, option, match.Groups["children_depth"].Value),
        };
    }

    /// <summary>dbt's <c>default_method</c>: a path if it has a path separator, a file if it ends like a node's file, else an fqn.</summary>
    private static (SelectorMethod, string, IReadOnlyList<string>) DefaultMethod(string value)
    {
        if (value.Contains('/') || value.Contains('\\'))
        {
            return (SelectorMethod.Path, "path", []);
        }

        var lower = value.ToLowerInvariant();
        return lower.EndsWith(".sql", StringComparison.Ordinal) || lower.EndsWith(".py", StringComparison.Ordinal) || lower.EndsWith(".csv", StringComparison.Ordinal)
            ? (SelectorMethod.File, "file", [])
            : (SelectorMethod.Fqn, "fqn", []);
    }

    private static (SelectorMethod, string, IReadOnlyList<string>) ParseMethod(string raw, string option, string text)
    {
        var parts = text.Split('.');
        var name = parts[0];
        string[] arguments = parts[1..];
        SelectorMethod method = name switch
        {
            "fqn" => SelectorMethod.Fqn,
            "tag" => SelectorMethod.Tag,
            "source" => SelectorMethod.Source,
            "path" => SelectorMethod.Path,
            "file" => SelectorMethod.File,
            "package" => SelectorMethod.Package,
            "config" => SelectorMethod.Config,
            "test_name" => SelectorMethod.TestName,
            "test_type" => SelectorMethod.TestType,
            "resource_type" => SelectorMethod.ResourceType,
            "group" => SelectorMethod.Group,
            "access" => SelectorMethod.Access,
            "version" => SelectorMethod.Version,
            "exposure" or "metric" or "semantic_model" or "saved_query" or "unit_test" => SelectorMethod.NoResources,
            "state" or "result" or "source_status" => throw Fail(raw, option,
                $"'{name}:' compares with a previous run's artifacts (dbt's --state), which Greenhouse does not keep; select by name, tag, path or config instead."),
            "selector" => throw Fail(raw, option,
                "'selector:' names a YAML selector from selectors.yml, which Greenhouse does not read; write the selectors themselves."),
            _ => throw Fail(raw, option,
                $"'{name}' is not a selection method; use one of {string.Join(", ", MethodNames.Select(m => m == "config" ? "config.<key>" : m))}, "
                + $"or no method for a name or path (stg_customers, staging.*, models/staging).{DidYouMean.Hint(name, MethodNames)}"),
        };

        if (method == SelectorMethod.Config)
        {
            if (arguments.Length == 0 || arguments.Any(a => a.Length == 0))
            {
                throw Fail(raw, option,
                    "config needs the config key to compare after a dot, as in 'config.materialized:table' or 'config.meta.owner:finance'.");
            }
        }
        else if (arguments.Length > 0)
        {
            throw Fail(raw, option,
                $"only config takes a key after a dot (config.materialized:table); write '{name}:' without '.{string.Join('.', arguments)}'.");
        }

        return (method, name, arguments);
    }

    private static void CheckValue(string raw, string option, SelectorMethod method, string value)
    {
        switch (method)
        {
            case SelectorMethod.Source when value.Split('.').Length > 3:
                throw Fail(raw, option,
                    "a source is selected as 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'.");
            case SelectorMethod.ResourceType when !ResourceTypes.Contains(value):
                throw Fail(raw, option,
                    $"'{value}' is not a resource type; use model, seed, test or source.{DidYouMean.Hint(value, ResourceTypes)}");
            case SelectorMethod.TestType when !TestTypes.Contains(value):
                throw Fail(raw, option,
                    $"'{value}' is not a test type; use generic, singular, data (both) or unit.{DidYouMean.Hint(value, TestTypes)}");
            case SelectorMethod.Version when !Versions.Contains(value):
                throw Fail(raw, option,
                    $"'{value}' is not a version selector; use latest, prerelease, old or none.{DidYouMean.Hint(value, Versions)}");
            case SelectorMethod.Path when PathPattern.TryParse(value) is null:
                throw Fail(raw, option,
                    $"a path is relative to the project root, as in 'models/staging' or 'path:models/marts/*.sql'; '{value}' is not.");
            default:
                return;
        }
    }

    private static int? Depth(string raw, string option, string digits)
    {
        if (digits.Length == 0)
        {
            return null;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var depth)
            ? depth
            : throw Fail(raw, option, $"the depth {digits} is too large; leave it out to follow the graph all the way.");
    }

    private static string Example(string method) => method switch
    {
        "tag" => "tag:nightly",
        "source" => "source:stripe",
        "path" => "path:models/staging",
        "file" => "file:stg_customers.sql",
        "package" => "package:shop",
        "resource_type" => "resource_type:model",
        "test_type" => "test_type:generic",
        "test_name" => "test_name:unique",
        _ when method.StartsWith("config", StringComparison.Ordinal) => "config.materialized:table",
        _ => method + ":" + "name",
    };

    private static SelectionException Fail(string raw, string option, string detail) =>
        new(raw, $"Invalid selector '{raw}' in {option}: {detail}");
}
