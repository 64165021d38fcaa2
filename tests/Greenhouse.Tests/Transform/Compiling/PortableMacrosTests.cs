using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>The built-in library's shape: every macro the docs promise, where a project calls it.</summary>
public sealed class PortableMacrosTests
{
    private static readonly string[] DbtMacros =
    [
        "date_trunc", "dateadd", "datediff", "cast", "safe_cast", "type_string", "type_int", "type_bigint", "type_numeric",
        "type_float", "type_timestamp", "type_boolean", "concat", "hash", "current_timestamp", "split_part", "listagg",
        "any_value", "last_day", "string_literal", "escape_single_quotes", "bool_or", "position", "length", "replace", "right",
        "statement",
    ];

    private static readonly string[] DbtUtilsMacros =
    [
        "generate_surrogate_key", "surrogate_key", "date_spine", "star", "union_relations", "pivot", "get_column_values",
        "deduplicate", "safe_add", "group_by", "generate_series", "get_filtered_columns_in_relation",
    ];

    [Fact]
    public void Every_dbt_macro_is_global_and_in_the_dbt_namespace_and_every_dbt_utils_macro_in_its_own()
    {
        var context = PortableMacros.AddTo(new TemplateContext());

        foreach (var name in DbtMacros)
        {
            Assert.True(context.TryGet(name, out var global) && global is TemplateMacro, name);
            Assert.Same(global, PortableMacros.Dbt[name]);
            Assert.True(PortableMacros.IsBuiltIn((TemplateMacro)global!));
            Assert.Equal("True", Template.Parse($"{{{{ dbt.{name} is defined }}}}", "t.sql").Render(context));
        }

        foreach (var name in DbtUtilsMacros)
        {
            Assert.Equal("True", Template.Parse($"{{{{ dbt_utils.{name} is defined }}}}", "t.sql").Render(context));
            Assert.False(context.TryGet(name, out _), name);
        }

        Assert.Equal("True True", Template.Parse("{{ dbt_utils.dateadd is defined }} {{ dbt.star is undefined }}", "t.sql").Render(context));
        Assert.False(PortableMacros.IsBuiltIn(Template.Parse("{% macro dateadd() %}{% endmacro %}", "macros/a.sql").Macros[0]));
    }
}
