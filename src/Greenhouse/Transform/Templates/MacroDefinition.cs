namespace Greenhouse.Transform.Templates;

/// <summary>
/// A parsed <c>{% macro %}</c> (or <c>{% test %}</c>, <c>{% docs %}</c>, a call block's body). Like Jinja, it
/// takes <c>varargs</c>, <c>kwargs</c> and <c>caller</c> only when its body reads those names.
/// </summary>
internal sealed class MacroDefinition
{
    private static readonly string[] SpecialNames = ["caller", "kwargs", "varargs"];

    public MacroDefinition(string name, TemplateMacroKind kind, NameExpr[] parameters, Expr?[] defaults, Stmt[] body, SourceText source, int position)
    {
        Name = name;
        Kind = kind;
        Parameters = parameters;
        ParameterNames = [.. parameters.Select(p => p.Name)];
        Defaults = defaults;
        Body = body;
        Source = source;
        Position = position;
        var undeclared = FindUndeclared(body);
        UsesCaller = undeclared.Contains("caller") && !ParameterNames.Contains("caller");
        CatchKwargs = undeclared.Contains("kwargs") && !ParameterNames.Contains("kwargs");
        CatchVarargs = undeclared.Contains("varargs") && !ParameterNames.Contains("varargs");
    }

    public string Name { get; }

    public TemplateMacroKind Kind { get; }

    public NameExpr[] Parameters { get; }

    public string[] ParameterNames { get; }

    /// <summary>One per parameter; null where the parameter has no default.</summary>
    public Expr?[] Defaults { get; }

    public Stmt[] Body { get; }

    public SourceText Source { get; }

    public int Position { get; }

    public bool UsesCaller { get; }

    public bool CatchKwargs { get; }

    public bool CatchVarargs { get; }

    public IEnumerable<Node> Children() => Parameters.Cast<Node>().Concat(Defaults.OfType<Node>()).Concat(Body);

    /// <summary>Jinja's <c>find_undeclared</c>: the special names read before anything assigns them.</summary>
    private static HashSet<string> FindUndeclared(Stmt[] body)
    {
        var names = new HashSet<string>(SpecialNames, StringComparer.Ordinal);
        var undeclared = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Node>(body.Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is NameExpr name)
            {
                if (!name.Store && names.Contains(name.Name))
                {
                    undeclared.Add(name.Name);
                }
                else if (name.Store)
                {
                    names.Remove(name.Name);
                }

                continue;
            }

            foreach (var child in node.Children().Reverse())
            {
                pending.Push(child);
            }
        }

        return undeclared;
    }
}
