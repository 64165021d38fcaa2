namespace Greenhouse.Transform.Templates;

/// <summary>How templates see values, for hosts that take them as arguments or hand them back.</summary>
public static class TemplateValues
{
    /// <summary>Python's <c>str()</c>, what <c>{{ value }}</c> renders: <c>None</c>, <c>True</c>, <c>1.0</c>, <c>['a', 1]</c>; undefined is empty.</summary>
    public static string ToText(object? value) => Py.Str(Py.Normalize(value));

    /// <summary>Python's <c>repr()</c>: strings quoted (<c>'a'</c>), for messages that show a value.</summary>
    public static string ToRepr(object? value) => PyRepr.Repr(Py.Normalize(value));

    /// <summary>Python's truthiness: none, false, 0, empty text, empty collections and undefined are false.</summary>
    public static bool IsTrue(object? value) => Py.Truthy(Py.Normalize(value));

    /// <summary>The items of a list, tuple or string, the keys of a dictionary; fails for a value that is not iterable.</summary>
    public static IEnumerable<object?> Items(object? value) => Py.Iterate(Py.Normalize(value));
}
