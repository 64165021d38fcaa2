namespace Greenhouse.Transform.Selection;

/// <summary>
/// Which tests a selection takes along when it selects what they test (dbt's <c>--indirect-selection</c>). A test
/// that a selector matches itself is always selected; these modes decide about the others.
/// </summary>
public enum IndirectSelection
{
    /// <summary>dbt's default: a test is selected when any node it tests is selected, and dropped when any is excluded.</summary>
    Eager,

    /// <summary>A test is selected only when every node it tests is selected.</summary>
    Cautious,

    /// <summary>As <see cref="Cautious"/>, but a node it tests may also be an ancestor of the selection (or any source).</summary>
    Buildable,

    /// <summary>No test is selected for the nodes it tests, only the tests a selector matches.</summary>
    Empty,
}
