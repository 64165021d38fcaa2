namespace Greenhouse.Transform.Selection;

/// <summary>
/// One selector (<c>2+tag:nightly+1</c>): a method and value, and the graph operators around it. dbt-core's
/// <c>SelectionCriteria</c>.
/// </summary>
internal sealed record SelectionCriterion
{
    public required string Raw { get; init; }

    public required SelectorMethod Method { get; init; }

    /// <summary>How the selector named its method (<c>config.materialized</c>, <c>exposure</c>); <c>fqn</c>, <c>path</c> or <c>file</c> for a bare value.</summary>
    public required string MethodName { get; init; }

    /// <summary>For <c>config.a.b:x</c>: <c>[a, b]</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public required string Value { get; init; }

    /// <summary><c>@</c>: the selected nodes' descendants, and every ancestor of those.</summary>
    public bool ChildrensParents { get; init; }

    /// <summary>A leading <c>+</c> (or <c>n+</c>): ancestors.</summary>
    public bool Parents { get; init; }

    public int? ParentsDepth { get; init; }

    /// <summary>A trailing <c>+</c> (or <c>+n</c>): descendants.</summary>
    public bool Children { get; init; }

    public int? ChildrenDepth { get; init; }
}
