using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// A generic test as a properties file applies it: the <c>{% test %}</c> macro that writes its query, the arguments
/// it is called with (as written; strings that call <c>ref()</c>, <c>source()</c>, <c>var()</c>… are rendered when it
/// compiles, as dbt renders them) and the node whose relation is its <c>model</c>.
/// </summary>
/// <param name="Macro">The test's macro (<c>test_unique</c>, a project's own, <c>dbt_utils.test_recency</c>).</param>
/// <param name="Arguments">Its keyword arguments other than <c>model</c>; <c>column_name</c> when it is on a column.</param>
/// <param name="ModelExpression">What its <c>model</c> is: <c>ref('orders')</c> or <c>source('stripe', 'customers')</c>.</param>
internal sealed record GenericTest(TemplateMacro Macro, TemplateDictionary Arguments, string ModelExpression);
