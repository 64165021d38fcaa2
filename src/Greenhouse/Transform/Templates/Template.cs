namespace Greenhouse.Transform.Templates;

/// <summary>
/// A parsed template in dbt's Jinja (Jinja2 with dbt's environment: default delimiters and whitespace,
/// <c>do</c> and loop controls, default undefined, <c>{% test %}</c> and <c>{% docs %}</c> blocks). Parse once,
/// render many times; a template holds no render state and may render on several threads at once.
/// </summary>
public sealed class Template
{
    private readonly SourceText _source;
    private readonly Stmt[] _body;

    private Template(SourceText source, Stmt[] body, IReadOnlyList<TemplateMacro> macros)
    {
        _source = source;
        _body = body;
        Macros = macros;
    }

    /// <summary>The name given to <see cref="Parse"/>, used in every error.</summary>
    public string FileName => _source.FileName;

    /// <summary>The macros, tests and docs blocks at the template's top level, in order, ready to call or load into a namespace.</summary>
    public IReadOnlyList<TemplateMacro> Macros { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> naming <paramref name="fileName"/>, line and column.</summary>
    public static Template Parse(string source, string fileName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fileName);
        var text = new SourceText(source, fileName);
        var body = Parser.Parse(text, Lexer.Tokenize(text));
        var macros = body.OfType<MacroStmt>().Select(m => new TemplateMacro(m.Definition, null)).ToList();
        return new Template(text, body, macros);
    }

    /// <summary>Renders with <paramref name="context"/> as the globals; throws <see cref="TemplateException"/> on a failure.</summary>
    public string Render(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = new RenderState(context, _source) { Scope = new Scope(null) };
        var output = state.Rent();
        try
        {
            Stmt.RenderAll(_body, state, output);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw state.Locate(e, 0);
        }

        return output.ToString();
    }
}
