using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Templates;

/// <summary>Every failure names the file, the line and the column, and says what was expected.</summary>
public sealed class TemplateErrorTests
{
    private static TemplateException ParseFails(string source) =>
        Assert.Throws<TemplateException>(() => Template.Parse(source, "models/a.sql"));

    private static TemplateException RenderFails(string source, TemplateContext? context = null) =>
        Assert.Throws<TemplateException>(() => Template.Parse(source, "models/a.sql").Render(context ?? new TemplateContext()));

    [Fact]
    public void An_unclosed_if_names_the_missing_endif_and_the_line_it_opened_on()
    {
        var error = ParseFails("select\n{% if x %}\n  a\n  b");

        Assert.Equal("models/a.sql:4:4: expected 'endif' to close the 'if' on line 2, found end of file", error.Message);
        Assert.Equal(("models/a.sql", 4, 4), (error.FileName, error.Line, error.Column));
    }

    [Theory]
    [InlineData("{% for x in y %}\n{{ x }}", "models/a.sql:2:8: expected 'endfor' to close the 'for' on line 1, found end of file")]
    [InlineData("{% macro m() %}\nbody", "models/a.sql:2:5: expected 'endmacro' to close the 'macro' on line 1, found end of file")]
    [InlineData("{% set x %}\nbody", "models/a.sql:2:5: expected 'endset' to close the 'set' on line 1, found end of file")]
    [InlineData("{% if a %}{% for x in y %}{% endif %}", "models/a.sql:1:30: unexpected 'endif': expected 'endfor' to close the 'for' on line 1")]
    [InlineData("text\n{% endif %}", "models/a.sql:2:4: unexpected 'endif': no block is open for it to close")]
    [InlineData("a\n{% raw %}\nb", "models/a.sql:3:2: expected '{% endraw %}' to close the 'raw' on line 2, found end of file")]
    [InlineData("a {# note", "models/a.sql:1:10: expected '#}' to close the comment opened on line 1, found end of file")]
    [InlineData("a {{ x ", "models/a.sql:1:8: expected '}}' to close the tag opened at line 1, found end of file")]
    public void An_unclosed_block_or_tag_names_what_closes_it(string source, string message) =>
        Assert.Equal(message, ParseFails(source).Message);

    [Fact]
    public void An_unknown_tag_is_named_with_the_block_still_open()
    {
        Assert.Equal("models/a.sql:1:4: unknown tag 'frobnicate'", ParseFails("{% frobnicate %}").Message);
        Assert.Equal(
            "models/a.sql:2:4: unknown tag 'elseif'; expected 'endif' to close the 'if' on line 1",
            ParseFails("{% if a %}\n{% elseif b %}\n{% endif %}").Message);
        Assert.Equal("models/a.sql:1:4: the 'include' tag is not supported here", ParseFails("{% include 'x.sql' %}").Message);
    }

    [Theory]
    [InlineData("{{ }}", "models/a.sql:1:4: expected an expression, found '}}'")]
    [InlineData("{{ 1 + }}", "models/a.sql:1:8: expected an expression, found '}}'")]
    [InlineData("{{ a b }}", "models/a.sql:1:6: expected '}}' to end the expression, found 'b'")]
    [InlineData("{% if a b %}{% endif %}", "models/a.sql:1:9: expected '%}' to end the 'if' tag, found 'b'")]
    [InlineData("{{ f(a=1, 2) }}", "models/a.sql:1:11: invalid call syntax: positional arguments come first, then keyword arguments, then *args and **kwargs")]
    [InlineData("{{ (1 }}", "models/a.sql:1:7: expected ')' to close the '(' at models/a.sql:1:4, found '}}'")]
    [InlineData("{{ [1, 2) }}", "models/a.sql:1:9: unexpected ')': expected ']' to close the '[' at models/a.sql:1:4")]
    [InlineData("{{ 'open }}", "models/a.sql:1:4: this string is never closed")]
    [InlineData("{{ a ! b }}", "models/a.sql:1:6: unexpected character '!'")]
    [InlineData("{% set 1 = 2 %}", "models/a.sql:1:8: cannot assign to a constant")]
    [InlineData("{% macro m(a=1, b) %}{% endmacro %}", "models/a.sql:1:17: parameter 'b' without a default follows one with a default")]
    [InlineData("{% break %}", "models/a.sql:1:4: 'break' is only allowed inside a 'for' loop")]
    [InlineData("{% for x in y %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}", "models/a.sql:1:35: 'continue' is only allowed inside a 'for' loop")]
    [InlineData("{% call m %}{% endcall %}", "models/a.sql:1:4: expected a call after 'call', e.g. {% call macro_name(args) %}")]
    public void A_bad_expression_or_statement_says_what_was_expected_where(string source, string message) =>
        Assert.Equal(message, ParseFails(source).Message);

    [Fact]
    public void An_unknown_filter_or_test_fails_at_parse_time_at_its_name()
    {
        Assert.Equal("models/a.sql:2:12: unknown filter 'uppercase'", ParseFails("select\n  {{ 'a' | uppercase }}").Message);
        Assert.Equal("models/a.sql:1:9: unknown test 'blank'", ParseFails("{{ x is blank }}").Message);
        Assert.Equal("models/a.sql:1:19: unknown filter 'nope'", ParseFails("{% filter upper | nope %}{% endfilter %}").Message);
    }

    [Fact]
    public void Calling_a_function_that_does_not_exist_names_it_and_its_position()
    {
        var error = RenderFails("select *\nfrom {{ reff('orders') }}");

        Assert.Equal("models/a.sql:2:9: 'reff' is undefined", error.Message);
    }

    [Theory]
    [InlineData("{{ d.a.b }}", "models/a.sql:1:6: 'dict object' has no attribute 'a'")]
    [InlineData("{{ missing[0] }}", "models/a.sql:1:4: 'missing' is undefined")]
    [InlineData("{{ missing + 1 }}", "models/a.sql:1:12: 'missing' is undefined")]
    [InlineData("{{ 1 + 'a' }}", "models/a.sql:1:6: unsupported operand type(s) for +: 'int' and 'str'")]
    [InlineData("{{ 1 < 'a' }}", "models/a.sql:1:8: '<' not supported between instances of 'int' and 'str'")]
    [InlineData("{{ 1 // 0 }}", "models/a.sql:1:6: integer division or modulo by zero")]
    [InlineData("{% set a, b = [1] %}", "models/a.sql:1:8: not enough values to unpack (expected 2, got 1)")]
    [InlineData("{% for x in 5 %}{% endfor %}", "models/a.sql:1:13: 'int' object is not iterable")]
    [InlineData("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", "models/a.sql:1:34: macro 'm' takes not more than 1 argument(s)")]
    [InlineData("{% macro m(a) %}{% endmacro %}{{ m(b=2) }}", "models/a.sql:1:34: macro 'm' takes no keyword argument 'b'")]
    [InlineData("{{ 'x'() }}", "models/a.sql:1:4: 'str' object is not callable")]
    [InlineData("{% set x = 1 %}{% set x.y = 2 %}", "models/a.sql:1:23: cannot assign attribute on non-namespace object 'x'")]
    [InlineData("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "models/a.sql:1:19: calls nest deeper than 400 levels at 'm': does a macro call itself without end?")]
    public void A_runtime_failure_carries_the_file_line_and_column_of_the_failing_expression(string source, string message) =>
        Assert.Equal(message, RenderFails(source, new TemplateContext().Set("d", new TemplateDictionary())).Message);

    [Fact]
    public void A_host_function_s_error_is_reported_at_its_call()
    {
        var context = new TemplateContext()
            .Set("raise_compiler_error", new TemplateFunction(a => throw new TemplateException($"model is broken: {a.Get(0, "message")}")))
            .Set("crash", new TemplateFunction(_ => throw new InvalidOperationException("the host gave up")));

        Assert.Equal("models/a.sql:2:4: model is broken: no key", RenderFails("ok\n{{ raise_compiler_error('no key') }}", context).Message);
        var crash = RenderFails("{% if true %}\n  {{ crash() }}{% endif %}", context);
        Assert.Equal("models/a.sql:2:6: the host gave up", crash.Message);
        Assert.IsType<InvalidOperationException>(crash.InnerException);
    }

    [Fact]
    public void A_failure_inside_a_macro_from_another_file_names_that_file_and_where_it_was_called()
    {
        var macros = Template.Parse("{% macro money(column) -%}\n  {{ column / 100 }}\n{%- endmacro %}", "macros/money.sql");
        var context = new TemplateContext().Set("money", macros.Macros[0]);

        var error = RenderFails("select\n  {{ money('amount') }}", context);

        Assert.Equal("macros/money.sql:2:13: unsupported operand type(s) for /: 'str' and 'int'", error.Message);
        Assert.Equal(["models/a.sql:2:6 (in a call to 'money')"], error.CalledFrom);
    }

    [Fact]
    public void Return_outside_a_macro_fails_at_its_call()
    {
        var context = new TemplateContext().Set("return", new TemplateFunction(a =>
        {
            a.Return(a.Get(0, "value"));
            return "";
        }));

        Assert.Equal("models/a.sql:1:4: return() was called outside a macro", RenderFails("{{ return(1) }}", context).Message);
    }
}
