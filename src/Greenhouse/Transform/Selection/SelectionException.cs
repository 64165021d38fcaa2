namespace Greenhouse.Transform.Selection;

/// <summary>
/// A <c>--select</c> or <c>--exclude</c> selector that cannot be read (<c>config.:x</c>, <c>colour:red</c>, <c>2+</c>);
/// the message names the selector and says what is expected.
/// </summary>
public sealed class SelectionException : Exception
{
    public SelectionException(string message) : base(message) { }

    public SelectionException(string message, Exception inner) : base(message, inner) { }

    public SelectionException(string selector, string message) : base(message) => Selector = selector;

    /// <summary>The selector as written (<c>colour:red</c>), when the problem is one selector.</summary>
    public string? Selector { get; }
}
