namespace Greenhouse.Transform.Selection;

/// <summary>
/// A <c>--select</c> or <c>--exclude</c> selector that cannot be read (<c>config.:x</c>, <c>colour:red</c>, <c>2+</c>);
/// the message names the selector and the option, and says what is expected.
/// </summary>
public sealed class SelectionException(string selector, string message) : Exception(message)
{
    /// <summary>The selector as written (<c>colour:red</c>; for a bad intersection, the whole term <c>tag:x,</c>).</summary>
    public string Selector { get; } = selector;
}
