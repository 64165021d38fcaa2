using System.Collections;

namespace Greenhouse.Transform.Templates;

/// <summary>A Python tuple: an immutable list that renders as <c>(1, 2)</c>.</summary>
internal sealed class PyTuple(object?[] items) : IReadOnlyList<object?>
{
    public static readonly PyTuple Empty = new([]);

    public object?[] Items { get; } = items;

    public int Count => Items.Length;

    public object? this[int index] => Items[index];

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Items.GetEnumerator();

    public override string ToString() => PyRepr.Repr(this);
}

/// <summary>Python's <c>range</c>: lazy, sized, renders as <c>range(0, 3)</c>.</summary>
internal sealed class PyRange : IReadOnlyList<object?>
{
    public PyRange(long start, long stop, long step)
    {
        Start = start;
        Stop = stop;
        Step = step;
        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        Count = (int)Math.Max(0, count);
    }

    public long Start { get; }

    public long Stop { get; }

    public long Step { get; }

    public int Count { get; }

    public object? this[int index] => Start + (index * Step);

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Start + (i * Step);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Step == 1 ? $"range({Start}, {Stop})" : $"range({Start}, {Stop}, {Step})";
}

/// <summary>
/// A Python iterator (what <c>map</c>, <c>select</c>, <c>unique</c> and <c>reverse</c> return): iterates once, is
/// always true, has no length, renders as <c>&lt;generator object ...&gt;</c>.
/// </summary>
internal sealed class PyIterator(IEnumerable<object?> source, string typeName)
{
    private IEnumerable<object?>? _source = source;

    public string TypeName { get; } = typeName;

    public IEnumerable<object?> Consume()
    {
        var source = _source;
        _source = null;
        return source ?? [];
    }

    public override string ToString() => $"<{TypeName} object>";
}

/// <summary>What <c>dict.keys()</c>, <c>values()</c> and <c>items()</c> return: a live, sized view.</summary>
internal sealed class DictView(object mapping, DictViewKind kind)
{
    public object Mapping { get; } = mapping;

    public DictViewKind Kind { get; } = kind;

    public IEnumerable<object?> Iterate() => Kind switch
    {
        DictViewKind.Keys => Mappings.Keys(Mapping),
        DictViewKind.Values => Mappings.Pairs(Mapping).Select(pair => pair.Value),
        _ => Mappings.Pairs(Mapping).Select(pair => (object?)new PyTuple([pair.Key, pair.Value])),
    };

    public override string ToString() => PyRepr.Repr(this);
}

internal enum DictViewKind
{
    Keys,
    Values,
    Items,
}

/// <summary>Jinja's <c>namespace()</c>: attributes a <c>{% set ns.x = ... %}</c> inside a loop can change.</summary>
internal sealed class PyNamespace
{
    public OrderedDictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);

    public override string ToString() => PyRepr.Repr(this);
}

/// <summary>A method of a built-in value taken without calling it (<c>{% set f = 'a'.upper %}</c>).</summary>
internal sealed class BoundMethod(object? self, string name)
{
    public object? Self { get; } = self;

    public string Name { get; } = name;

    public override string ToString() => $"<built-in method {Name} of {Py.TypeName(Self)} object>";
}

/// <summary>An argument that was not passed.</summary>
internal sealed class Missing
{
    public static readonly Missing Value = new();

    private Missing()
    {
    }
}
