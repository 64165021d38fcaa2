using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Templates;

/// <summary>One feature of the template language per row; the Jinja2 corpus checks the same ground against Python.</summary>
public sealed class TemplateLanguageTests
{
    private static string Render(string source, TemplateContext? context = null) =>
        Template.Parse(source, "t.sql").Render(context ?? new TemplateContext());

    [Theory]
    [InlineData("a\n{% if true %}\nb\n{% endif %}\nc", "a\n\nb\n\nc")]
    [InlineData("a\n{%- if true %}b{% endif %}", "ab")]
    [InlineData("{% if true -%}\n   b{% endif %}", "b")]
    [InlineData("a  {{- 'b' -}}  c", "abc")]
    [InlineData("a {#- note -#} b", "ab")]
    [InlineData("a {# note #} b", "a  b")]
    [InlineData("{%+ if true +%}x{% endif %}", "x")]
    [InlineData("line\n", "line")]
    [InlineData("line\n\n", "line\n")]
    [InlineData("a\r\nb\r\n", "a\nb")]
    [InlineData("{% raw -%}  {{ x }}  {%- endraw %}", "{{ x }}")]
    [InlineData("{% for c in ['a', 'b'] -%}\n  {{ c }}\n{%- endfor %}", "ab")]
    public void Whitespace_control_trims_as_dbt_s_Jinja_does(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{% if 0 %}a{% elif '' %}b{% elif [1] %}c{% else %}d{% endif %}", "c")]
    [InlineData("{% for x in 'ab' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{% endfor %}", "102TrueFalse2211FalseTrue2")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}{{ v }}{% endfor %}", "a1b2")]
    [InlineData("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}", "ab")]
    [InlineData("{% for x in range(6) if x is even %}{{ x }}{% endfor %}", "024")]
    [InlineData("{% for x in range(9) %}{% if x == 1 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", "023")]
    [InlineData("{% for x in 'abc' %}{{ loop.cycle('+', '-') }}{% endfor %}", "+-+")]
    [InlineData("{% set x = 1 %}{% for i in [2] %}{% set x = i %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% if true %}{% set x = 2 %}{% endif %}{{ x }}", "2")]
    [InlineData("{% set a, b = 'xy' %}{{ b }}{{ a }}", "yx")]
    [InlineData("{% set s | upper %}a{{ 'b' }}{% endset %}{{ s }}", "AB")]
    [InlineData("{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}", "3")]
    [InlineData("{% set xs = [] %}{% do xs.append(1) %}{{ xs }}", "[1]")]
    [InlineData("{% with a = 1 %}{{ a }}{% endwith %}{{ a is defined }}", "1False")]
    [InlineData("{% filter upper %}a{{ 'b' }}{% endfilter %}", "AB")]
    [InlineData("{% raw %}{{ kept }}{% endraw %}", "{{ kept }}")]
    [InlineData("{% print 1, 'a' %}", "1a")]
    public void Statements_render_as_Jinja_renders_them(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{% macro m(a, b='B') %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }} {{ m(1, 2) }} {{ m(b=3, a=4) }}", "1B 12 43")]
    [InlineData("{% macro m(a) %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}", "(2, 3){'k': 4}")]
    [InlineData("{% macro m(a, b) %}{{ b is defined }}{% endmacro %}{{ m(1) }}", "False")]
    [InlineData("{% macro m() %}<{{ caller() }}>{% endmacro %}{% call m() %}body{% endcall %}", "<body>")]
    [InlineData("{% macro m() %}{{ caller(1) }}{% endmacro %}{% call(x) m() %}[{{ x }}]{% endcall %}", "[1]")]
    [InlineData("{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}", "False")]
    [InlineData("{% macro f(n) %}{% if n > 1 %}{{ n }}*{{ f(n - 1) }}{% else %}1{% endif %}{% endmacro %}{{ f(3) }}", "3*2*1")]
    [InlineData("{% macro inner(a, b=0) %}{{ a + b }}{% endmacro %}{% macro outer(a) %}{{ inner(a, **kwargs) }}{% endmacro %}{{ outer(1, b=2) }}", "3")]
    [InlineData("{% macro m() %}{{ x }}{% endmacro %}{% set x = 'late' %}{{ m() }}", "late")]
    [InlineData("{% macro m() %}x{% endmacro %}{{ m() ~ m() | upper }}", "xX")]
    public void Macros_and_call_blocks_bind_arguments_as_Jinja_does(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 2 ** -1 }}", "3.5 3 -4 2 1024 0.5")]
    [InlineData("{{ 'a' ~ 1 ~ none ~ true }}", "a1NoneTrue")]
    [InlineData("{{ 'ab' * 2 }} {{ [1] + [2] }} {{ 'a' + 'b' }}", "abab [1, 2] ab")]
    [InlineData("{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1.0 }} {{ true == 1 }} {{ [1, 2] < [1, 3] }}", "True False True True True")]
    [InlineData("{{ 'a' in 'cat' }} {{ 2 not in [1, 2] }} {{ 'k' in {'k': 1} }}", "True False True")]
    [InlineData("{{ 0 or 'x' }} {{ 1 and 'y' }} {{ [] and 'z' }} {{ not none }}", "x y [] True")]
    [InlineData("{{ 'y' if 1 else 'n' }}[{{ 'y' if 0 }}]", "y[]")]
    [InlineData("{{ d.a }} {{ d['a'] }} {{ d.get('b', 'none') }} {{ d.items() }} {{ d.keys is defined }}", "1 1 none dict_items([('a', 1)]) True")]
    [InlineData("{{ [1, 2, 3][1:] }} {{ 'abc'[::-1] }} {{ 'abc'[-1] }} {{ (1, 2).0 }}", "[2, 3] cba c 1")]
    [InlineData("{{ '{}-{:>3}-{:.1f}'.format('a', 'b', 2.25) }} {{ '%s=%05d' % ('n', 42) }}", "a-  b-2.2 n=00042")]
    [InlineData("{{ 'a,b'.split(',') }} {{ ' x '.strip() }} {{ 'ab'.startswith('a') }} {{ '-'.join(['a', 'b']) }} {{ 'aa'.replace('a', 'b') }}", "['a', 'b'] x True a-b bb")]
    [InlineData("{% set d = {'a': 1} %}{% do d.update(b=2) %}{{ d.pop('a') }}{{ d }}{{ d.values() | list }}", "1{'b': 2}[2]")]
    [InlineData("{% set l = [3, 1] %}{% do l.extend([2]) %}{{ l.pop() }}{{ l.index(1) }}{{ l }}", "21[3, 1]")]
    public void Expressions_follow_Python_semantics(string template, string expected) =>
        Assert.Equal(expected, Render(template, new TemplateContext().Set("d", new TemplateDictionary { ["a"] = 1L })));

    [Theory]
    [InlineData("{{ ' Ab ' | trim | upper }} {{ 'Ab' | lower }} {{ 'a-a' | replace('a', 'b') }} {{ 'hi there' | title }} {{ 'hI' | capitalize }}", "AB ab b-b Hi There Hi")]
    [InlineData("{{ users | join(', ', attribute='name') }} {{ users | map(attribute='name') | list }} {{ ['a'] | map('upper') | first }}", "ann, bob ['ann', 'bob'] A")]
    [InlineData("{{ users | selectattr('admin') | map(attribute='name') | join }} {{ users | rejectattr('admin') | map(attribute='name') | join }}", "ann bob")]
    [InlineData("{{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3, 4] | reject('odd') | list }} {{ [2, 1, 2] | unique | list }}", "[1, 3] [2, 4] [2, 1]")]
    [InlineData("{{ ['b', 'A', 'c'] | sort }} {{ [1, 3, 2] | sort(reverse=true) }} {{ users | sort(attribute='age') | map(attribute='name') | join }}", "['A', 'b', 'c'] [3, 2, 1] bobann")]
    [InlineData("{{ missing | default('d') }} {{ '' | default('e', true) }} {{ none | d('f') }} {{ [1, 2] | length }} {{ 'abc' | count }}", "d e None 2 3")]
    [InlineData("{{ '4.7' | int }} {{ 'x' | int(9) }} {{ '2.5' | float }} {{ 3 | string }} {{ 'ab' | list }} {{ [3, 4] | first }} {{ [3, 4] | last }}", "4 9 2.5 3 ['a', 'b'] 3 4")]
    [InlineData("{{ {'b': 1, 'a': '<'} | tojson }} {{ 'a\nb' | indent(2) }} {{ -3 | abs }} {{ 2.5 | round }} {{ 3.14159 | round(2) }}", "{\"a\": \"\\u003c\", \"b\": 1} a\n  b 3 2.0 3.14")]
    [InlineData("{{ [1, 2] | sum }} {{ [3, 1] | min }} {{ [3, 1] | max }} {{ [1, 2] | reverse | list }} {{ [1, 2, 3] | batch(2) | list }}", "3 1 3 [2, 1] [[1, 2], [3]]")]
    [InlineData("{{ {'b': 1, 'a': 2} | dictsort }} {{ {'a': 1} | items | list }} {{ 'a b  c' | wordcount }}", "[('a', 2), ('b', 1)] [('a', 1)] 3")]
    public void Filters_behave_as_Jinja_s_built_in_filters(string template, string expected)
    {
        var users = new List<object?>
        {
            new TemplateDictionary { ["name"] = "ann", ["age"] = 30L, ["admin"] = true },
            new TemplateDictionary { ["name"] = "bob", ["age"] = 20L, ["admin"] = false },
        };
        Assert.Equal(expected, Render(template, new TemplateContext().Set("users", users)));
    }

    [Theory]
    [InlineData("{{ none is none }} {{ x is defined }} {{ x is undefined }} {{ 'a' is string }} {{ 1.5 is number }} {{ {} is mapping }}", "True False True True True True")]
    [InlineData("{{ 'a' is iterable }} {{ 1 is iterable }} {{ [] is sequence }} {{ true is true }} {{ 0 is false }} {{ 9 is divisibleby 3 }}", "True False True True False True")]
    [InlineData("{{ 2 is in [1, 2] }} {{ 1 is not none }} {{ 3 is odd }} {{ 'ab' is lower }} {{ 2 is eq 2 }} {{ 5 is gt 2 }}", "True True True True True True")]
    public void Tests_answer_as_Jinja_s_built_in_tests(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{{ [1, 'a', none, true] }}", "[1, 'a', None, True]")]
    [InlineData("{{ {'a': 1, 'b': [2.5]} }}", "{'a': 1, 'b': [2.5]}")]
    [InlineData("{{ (1,) }} {{ () }} {{ (1, 2) }}", "(1,) () (1, 2)")]
    [InlineData("{{ 1.0 }} {{ 0.1 }} {{ 1e20 }} {{ 1e-5 }} {{ 1e16 }} {{ 1e15 }} {{ 1 / 3 }}", "1.0 0.1 1e+20 1e-05 1e+16 1000000000000000.0 0.3333333333333333")]
    [InlineData("{{ [\"it's\", 'say \"x\"', 'tab\\t'] }}", "[\"it's\", 'say \"x\"', 'tab\\t']")]
    [InlineData("[{{ missing }}] {{ missing | length }} {{ [missing] }}", "[] 0 [Undefined]")]
    public void Values_render_as_Python_s_str_and_repr(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Host_values_render_as_the_Python_values_they_stand_for()
    {
        var context = new TemplateContext()
            .Set("count", 3)
            .Set("ratio", 0.5f)
            .Set("price", 1.50m)
            .Set("names", new List<string> { "a", "b" })
            .Set("settings", new Dictionary<string, object?> { ["mode"] = "full", ["limit"] = 10 });

        Assert.Equal(
            "3 4 0.5 1.50 ['a', 'b'] 2 full 11 {'mode': 'full', 'limit': 10}",
            Render("{{ count }} {{ count + 1 }} {{ ratio }} {{ price }} {{ names }} {{ names | length }} {{ settings.mode }} {{ settings['limit'] + 1 }} {{ settings }}", context));
    }
}
