namespace Greenhouse.Transform.Templates;

/// <summary>Jinja's <c>loop</c> inside a <c>{% for %}</c>: index, index0, revindex, first, last, length, cycle...</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items)
{
    private object? _lastChanged = Missing.Value;

    public int Index0 { get; set; }

    public object? GetAttribute(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new TemplateUndefined("previtem", "there is no previous item"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new TemplateUndefined("nextitem", "there is no next item"),
        "cycle" => new TemplateFunction(Cycle),
        "changed" => new TemplateFunction(arguments => Changed(arguments)),
        _ => null,
    };

    private object? Cycle(TemplateArguments arguments) => arguments.Positional.Count == 0
        ? throw new TemplateException("no items for cycling given")
        : arguments.Positional[Index0 % arguments.Positional.Count];

    private bool Changed(TemplateArguments arguments)
    {
        var value = new PyTuple([.. arguments.Positional]);
        if (_lastChanged is PyTuple last && Py.Eq(last, value))
        {
            return false;
        }

        _lastChanged = value;
        return true;
    }

    public override string ToString() => $"<LoopContext {Index0 + 1}/{items.Count}>";
}
