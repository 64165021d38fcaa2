namespace Greenhouse.Transform.Templates;

/// <summary>
/// A function a template can call (<c>ref('a')</c>, <c>exceptions.raise_compiler_error(...)</c>). It returns a
/// template value (see <see cref="TemplateContext"/>). To fail, throw <see cref="TemplateException"/>; any other
/// exception is reported the same way, with the call's file, line and column.
/// </summary>
public delegate object? TemplateFunction(TemplateArguments arguments);
