using System.Text.RegularExpressions;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// A generic test's arguments as its macro receives them, rendered as dbt's <c>add_rendered_test_kwargs</c> renders
/// them: every string but <c>column_name</c>, in lists and mappings too; one that is a call of <c>ref</c>,
/// <c>source</c>, <c>var</c>, <c>env_var</c> or <c>doc</c> (<c>to: ref('customers')</c>) becomes the value it returns,
/// one with <c>{{ }}</c> in it is rendered to text, any other is left as written.
/// </summary>
internal static partial class TestArguments
{
    public static TemplateDictionary Render(TemplateDictionary arguments, TemplateContext context, string file)
    {
        var rendered = new TemplateDictionary();
        foreach (var pair in arguments)
        {
            rendered[pair.Key] = Equals(pair.Key, "column_name") ? pair.Value : Value(pair.Value, context, file);
        }

        return rendered;
    }

    /// <summary>The value <paramref name="expression"/> (a template expression, such as <c>ref('orders')</c>) evaluates to in <paramref name="context"/>.</summary>
    public static object? Evaluate(string expression, TemplateContext context, string file)
    {
        object? result = null;
        var capture = new TemplateContext(context).Set("__gh_value", new TemplateFunction(a =>
        {
            result = a.Get(0, "value");
            return "";
        }));
        Template.Parse($"{{% do __gh_value({expression}) %}}", file).Render(capture);
        return result;
    }

    private static object? Value(object? value, TemplateContext context, string file) => value switch
    {
        string text when LooksLikeCall().IsMatch(text) => Evaluate(text, context, file),
        string text when text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) => Template.Parse(text, file).Render(context),
        TemplateDictionary mapping => Render(mapping, context, file),
        List<object?> items => items.Select(item => Value(item, context, file)).ToList(),
        _ => value,
    };

    [GeneratedRegex(@"^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LooksLikeCall();
}
