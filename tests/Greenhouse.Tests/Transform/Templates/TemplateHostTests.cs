using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Templates;

/// <summary>What the dbt layer builds on: host functions and objects, exported macros, caller, return().</summary>
public sealed class TemplateHostTests
{
    private static readonly TemplateFunction Return = arguments =>
    {
        arguments.Return(arguments.Get(0, "value"));
        return "";
    };

    private sealed class Relation(string schema, string name) : ITemplateObject
    {
        public bool TryGetAttribute(string attribute, out object? value)
        {
            value = attribute switch
            {
                "schema" => schema,
                "identifier" => name,
                "quote" => new TemplateFunction(a => $"\"{a.Get(0, "part")}\""),
                _ => null,
            };
            return value is not null;
        }

        public override string ToString() => $"\"{schema}\".\"{name}\"";
    }

    private sealed class Config : ITemplateObject, ITemplateCallable
    {
        public Dictionary<string, object?> Values { get; } = [];

        public object? Call(TemplateArguments arguments)
        {
            foreach (var pair in arguments.Keyword)
            {
                Values[pair.Key] = pair.Value;
            }

            return "";
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "get" ? new TemplateFunction(a => Values.GetValueOrDefault((string)a.Get(0, "key")!, a.Get(1, "default"))) : null;
            return value is not null;
        }
    }

    [Fact]
    public void A_host_function_gets_positional_and_keyword_arguments_and_its_call_site()
    {
        TemplateArguments? seen = null;
        var context = new TemplateContext().Set("ref", new TemplateFunction(a =>
        {
            seen = a;
            return new Relation("analytics", a.Positional.Count == 2 ? $"{a.Positional[0]}__{a.Positional[1]}" : (string)a.Get(0, "name")!);
        }));

        var sql = Template.Parse("select *\nfrom {{ ref('pkg', 'orders', version=2) }}", "models/b.sql").Render(context);

        Assert.Equal("select *\nfrom \"analytics\".\"pkg__orders\"", sql);
        Assert.Equal(["pkg", "orders"], seen!.Positional);
        Assert.Equal(2L, seen.Keyword["version"]);
        Assert.Equal(("models/b.sql", 2, 9), (seen.FileName, seen.Line, seen.Column));
    }

    [Fact]
    public void A_host_object_exposes_attributes_methods_and_its_rendering()
    {
        var context = new TemplateContext().Set("this", new Relation("analytics", "orders"));

        var text = Template.Parse("{{ this }} {{ this.schema }} {{ this['identifier'] }} {{ this.quote('x') }} {{ this.missing is defined }} {{ this ~ '_tmp' }}", "t.sql").Render(context);

        Assert.Equal("\"analytics\".\"orders\" analytics orders \"x\" False \"analytics\".\"orders\"_tmp", text);
    }

    [Fact]
    public void A_host_object_can_be_called_and_read_like_dbt_s_config()
    {
        var config = new Config();
        var context = new TemplateContext().Set("config", config);

        var text = Template.Parse("{{ config(materialized='table', unique_key=['id']) }}{{ config.get('materialized') }} {{ config.get('schema', 'none') }} {{ config is callable }}", "t.sql").Render(context);

        Assert.Equal("table none True", text);
        Assert.Equal(new List<object?> { "id" }, config.Values["unique_key"]);
    }

    [Fact]
    public void Macros_of_one_template_load_into_a_namespace_another_template_calls()
    {
        var library = Template.Parse("""
            {% macro star(relation, except=[]) -%}
            {%- for c in ['id', 'name', 'secret'] if c not in except %}{{ relation }}.{{ c }}{{ ', ' if not loop.last }}{% endfor -%}
            {%- endmacro %}
            {% macro quoted(x) %}"{{ x }}"{% endmacro %}
            """, "dbt_packages/dbt_utils/macros/star.sql");
        var dbtUtils = new TemplateDictionary();
        foreach (var macro in library.Macros)
        {
            dbtUtils[macro.Name] = macro;
        }

        var context = new TemplateContext().Set("dbt_utils", dbtUtils);
        var text = Template.Parse("select {{ dbt_utils.star('o', except=['secret']) }} from {{ dbt_utils.quoted('orders') }}", "models/c.sql").Render(context);

        Assert.Equal(["star", "quoted"], library.Macros.Select(m => m.Name));
        Assert.Equal(["relation", "except"], library.Macros[0].Parameters);
        Assert.Equal(("dbt_packages/dbt_utils/macros/star.sql", 1, TemplateMacroKind.Macro), (library.Macros[0].FileName, library.Macros[0].Line, library.Macros[0].Kind));
        Assert.Equal("select o.id, o.name from \"orders\"", text);
    }

    [Fact]
    public void A_project_macro_sees_the_calling_render_s_globals_not_its_own_file_s_variables()
    {
        var library = Template.Parse("{% set private = 'file level' %}{% macro where() %}{{ private }}|{{ target }}|{{ helper() }}{% endmacro %}{% macro helper() %}helped{% endmacro %}", "macros/m.sql");
        var project = new TemplateContext();
        foreach (var macro in library.Macros)
        {
            project.Set(macro.Name, macro);
        }

        var model = new TemplateContext(project).Set("target", "dev");

        Assert.Equal("|dev|helped", Template.Parse("{{ where() }}", "models/d.sql").Render(model));
    }

    [Fact]
    public void Return_gives_the_macro_call_its_value_instead_of_its_text()
    {
        var context = new TemplateContext().Set("return", Return);
        var source = """
            {%- macro columns() -%}
              ignored text
              {{ return(['id', 'name']) }}
              never rendered
            {%- endmacro -%}
            {%- macro pick(first) -%}
              {% for x in [1, 2, 3] %}{% if x == first %}{{ return(x * 10) }}{% endif %}{% endfor %}
            {%- endmacro -%}
            {{ columns() | join(',') }} {{ columns() is sequence }} {{ pick(2) + 1 }}
            """;

        Assert.Equal("id,name True 21", Template.Parse(source, "t.sql").Render(context));
    }

    [Fact]
    public void Return_inside_a_call_block_returns_from_the_innermost_running_macro_as_in_dbt()
    {
        var context = new TemplateContext().Set("return", Return);
        var source = "{% macro run() %}before {{ caller() }} after{% endmacro %}{% macro outer() %}{% call run() %}{{ return('from caller') }}{% endcall %}tail{% endmacro %}[{{ outer() }}]";

        // dbt catches return() in the innermost macro call on the stack: here run(), which called the caller.
        Assert.Equal("[from callertail]", Template.Parse(source, "t.sql").Render(context));
    }

    [Fact]
    public void A_host_function_receives_the_call_block_s_caller_and_can_call_it()
    {
        var context = new TemplateContext().Set("statement", new TemplateFunction(a =>
        {
            var sql = (string)a.Call(a.Keyword["caller"])!;
            return $"-- {a.Get(0, "name")}: {sql.Trim().ToUpperInvariant()}";
        }));

        var text = Template.Parse("{% call statement('main') %}\n  select {{ 1 + 1 }}\n{% endcall %}", "t.sql").Render(context);

        Assert.Equal("-- main: SELECT 2", text);
    }

    [Fact]
    public void The_host_calls_a_macro_with_arguments_and_gets_its_text_or_returned_value()
    {
        var library = Template.Parse("{% macro schema_name(custom, node=none) %}{% if custom is none %}{{ target }}{% else %}{{ target }}_{{ custom | trim }}{% endif %}{% endmacro %}{% macro cols() %}{{ return(['a']) }}{% endmacro %}", "macros/s.sql");
        var context = new TemplateContext().Set("target", "analytics").Set("return", Return);

        Assert.Equal("analytics_staging", library.Macros[0].Call(context, [" staging "]));
        Assert.Equal("analytics", library.Macros[0].Call(context, keyword: new Dictionary<string, object?> { ["custom"] = null }));
        Assert.Equal(new List<object?> { "a" }, library.Macros[1].Call(context));
    }

    [Fact]
    public void Docs_and_test_blocks_are_exported_as_macros_of_their_kind()
    {
        var template = Template.Parse("""
            {% docs orders %}One row per **order**.{% enddocs %}
            {% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}
            """, "macros/docs.sql");

        Assert.Equal([("orders", TemplateMacroKind.Docs), ("positive", TemplateMacroKind.Test)], template.Macros.Select(m => (m.Name, m.Kind)));
        Assert.Equal("One row per **order**.", template.Macros[0].Call(new TemplateContext()));
        Assert.Equal("select * from t where amount <= 0", template.Macros[1].Call(new TemplateContext(), ["t", "amount"]));
        Assert.Equal("\n", template.Render(new TemplateContext()));
    }

    [Fact]
    public void A_child_context_falls_back_to_its_parent_and_can_shadow_it()
    {
        var project = new TemplateContext().Set("target", "dev").Set("var", "project");
        var model = new TemplateContext(project).Set("var", "model");

        Assert.Equal("dev model", Template.Parse("{{ target }} {{ var }}", "t.sql").Render(model));
        Assert.Equal("dev project", Template.Parse("{{ target }} {{ var }}", "t.sql").Render(project));
    }

    [Fact]
    public void A_list_from_the_host_that_is_not_a_list_of_objects_is_read_only()
    {
        var context = new TemplateContext().Set("names", new List<string> { "a" }).Set("values", new List<object?> { "a" });

        Assert.Equal("['a', 'b']", Template.Parse("{% do values.append('b') %}{{ values }}", "t.sql").Render(context));
        var error = Assert.Throws<TemplateException>(() => Template.Parse("{% do names.append('b') %}", "t.sql").Render(context));
        Assert.Equal("t.sql:1:13: this list is read-only; 'append' cannot change it", error.Message);
    }

    [Fact]
    public void One_parsed_template_renders_on_many_threads_at_once()
    {
        var template = Template.Parse("{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{% for i in range(n) %}{{ twice(i) }}{% endfor %}", "t.sql");

        var outputs = Enumerable.Range(0, 64).AsParallel().Select(n => (n, text: template.Render(new TemplateContext().Set("n", n % 8)))).ToList();

        foreach (var (n, text) in outputs)
        {
            Assert.Equal(string.Concat(Enumerable.Range(0, n % 8).Select(i => $"{i}{i}")), text);
        }
    }

    [Fact]
    public void Lenient_undefined_lets_a_first_pass_render_a_model_whose_macros_are_unknown()
    {
        var refs = new List<object?>();
        var strict = new TemplateContext().Set("ref", new TemplateFunction(a =>
        {
            refs.Add(a.Get(0, "name"));
            return "r";
        }));
        var lenient = new TemplateContext(strict) { LenientUndefined = true };
        var template = Template.Parse("{{ dbt_utils.star(ref('a')) }}{{ unknown_macro(ref('b')).x['y'] }}{{ ref('c') }}", "models/e.sql");

        Assert.Equal("r", template.Render(lenient));
        Assert.Equal(["a", "b", "c"], refs);
        Assert.Equal("models/e.sql:1:4: 'dbt_utils' is undefined", Assert.Throws<TemplateException>(() => template.Render(strict)).Message);
    }

    [Fact]
    public void Helpers_show_values_as_templates_see_them()
    {
        Assert.Equal("['a', 1, None, True]", TemplateValues.ToText(new List<object?> { "a", 1, null, true }));
        Assert.Equal("'a'", TemplateValues.ToRepr("a"));
        Assert.Equal("", TemplateValues.ToText(new TemplateUndefined("x")));
        Assert.False(TemplateValues.IsTrue(new List<object?>()));
        Assert.True(TemplateValues.IsTrue("0"));
        Assert.Equal(["k"], TemplateValues.Items(new TemplateDictionary { ["k"] = 1 }));
    }
}
