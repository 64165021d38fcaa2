using System.Collections;

namespace Greenhouse.Transform.Templates;

/// <summary>
/// A Python dict as templates make it (<c>{'a': 1}</c>, <c>dict(a=1)</c>, a macro's <c>kwargs</c>): insertion
/// ordered, keys compared as Python compares them (<c>1 == 1.0 == true</c>), a null key is <c>none</c>.
/// </summary>
public sealed class TemplateDictionary : IEnumerable<KeyValuePair<object?, object?>>
{
    private static readonly object NoneKey = new();
    private readonly OrderedDictionary<object, object?> _items = new(PyKeyComparer.Instance);

    /// <summary>How many keys.</summary>
    public int Count => _items.Count;

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<object?> Keys => _items.Keys.Select(Unwrap);

    /// <summary>The values, in insertion order.</summary>
    public IEnumerable<object?> Values => _items.Values;

    /// <summary>Gets (throws <see cref="KeyNotFoundException"/> when missing) or sets a key's value.</summary>
    public object? this[object? key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(PyRepr.Repr(key));
        set => _items[Wrap(key)] = value;
    }

    /// <summary>The value of a key, if present.</summary>
    public bool TryGetValue(object? key, out object? value) => _items.TryGetValue(Wrap(key), out value);

    /// <summary>Whether the key is present.</summary>
    public bool ContainsKey(object? key) => _items.ContainsKey(Wrap(key));

    /// <summary>Removes a key; false when it was not there.</summary>
    public bool Remove(object? key) => _items.Remove(Wrap(key));

    /// <summary>Removes every key.</summary>
    public void Clear() => _items.Clear();

    /// <summary>The pairs, in insertion order.</summary>
    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator()
    {
        foreach (var pair in _items)
        {
            yield return new KeyValuePair<object?, object?>(Unwrap(pair.Key), pair.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Python's repr, e.g. <c>{'a': 1}</c>.</summary>
    public override string ToString() => PyRepr.Repr(this);

    internal KeyValuePair<object?, object?> At(int index)
    {
        var pair = _items.GetAt(index);
        return new KeyValuePair<object?, object?>(Unwrap(pair.Key), pair.Value);
    }

    internal void RemoveAt(int index) => _items.RemoveAt(index);

    private static object Wrap(object? key)
    {
        if (key is null)
        {
            return NoneKey;
        }

        PyKeyComparer.RequireHashable(key);
        return Py.Normalize(key)!;
    }

    private static object? Unwrap(object key) => ReferenceEquals(key, NoneKey) ? null : key;
}
