namespace Greenhouse.Transform.Templates;

/// <summary>Which tag defined a <see cref="TemplateMacro"/>.</summary>
public enum TemplateMacroKind
{
    /// <summary><c>{% macro name(args) %}</c>.</summary>
    Macro,

    /// <summary>dbt's generic test, <c>{% test name(args) %}</c>.</summary>
    Test,

    /// <summary>dbt's documentation block, <c>{% docs name %}</c>; it takes no arguments.</summary>
    Docs,

    /// <summary>The body of a <c>{% call %}</c> block, passed to the called macro as <c>caller</c>.</summary>
    Caller,
}
