namespace Greenhouse.Transform.Templates;

/// <summary>
/// One level of template variables (a template's top level, a macro call, a loop iteration, a with/filter/set
/// block). A name set here hides the parent's; reading falls back to the parent, then to the globals. Most scopes
/// hold a few names, so they live in a small array until there are many.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private const int Inline = 8;
    private string[]? _names;
    private object?[]? _values;
    private int _count;
    private Dictionary<string, object?>? _many;

    public Scope? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        if (_many is not null)
        {
            return _many.TryGetValue(name, out value);
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names![i], name, StringComparison.Ordinal))
            {
                value = _values![i];
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value)
    {
        if (_many is not null)
        {
            _many[name] = value;
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names![i], name, StringComparison.Ordinal))
            {
                _values![i] = value;
                return;
            }
        }

        if (_count == Inline)
        {
            _many = new Dictionary<string, object?>(Inline * 2, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _many[_names![i]] = _values![i];
            }

            _many[name] = value;
            return;
        }

        _names ??= new string[Inline];
        _values ??= new object?[Inline];
        _names[_count] = name;
        _values[_count++] = value;
    }
}
