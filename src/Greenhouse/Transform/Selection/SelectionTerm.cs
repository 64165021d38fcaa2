namespace Greenhouse.Transform.Selection;

/// <summary>One space-separated term of a <c>--select</c> (<c>tag:daily,config.materialized:table</c>): the intersection of its selectors.</summary>
internal sealed record SelectionTerm(string Raw, IReadOnlyList<SelectionCriterion> Criteria);
