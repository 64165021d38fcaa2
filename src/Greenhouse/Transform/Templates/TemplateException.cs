namespace Greenhouse.Transform.Templates;

/// <summary>
/// A template that does not parse or fails while rendering. <see cref="Exception.Message"/> reads
/// <c>file:line:column: what was expected or went wrong</c>. A callable may throw one with only a message
/// (<c>raise_compiler_error</c>); the renderer then adds where the call was.
/// </summary>
public sealed class TemplateException : Exception
{
    /// <summary>An error with no location yet, for a <see cref="TemplateFunction"/> to throw.</summary>
    public TemplateException(string message) : base(message) => Reason = message;

    internal TemplateException(string fileName, int line, int column, string reason, Exception? inner = null)
        : base($"{fileName}:{line}:{column}: {reason}", inner)
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The template file, as given to <see cref="Template.Parse"/>; null until located.</summary>
    public string? FileName { get; }

    /// <summary>1-based line of the failing tag or expression; 0 until located.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 until located.</summary>
    public int Column { get; }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }

    /// <summary>Where a failure inside a macro was called from, innermost call first (<c>file:line:column</c>).</summary>
    public IReadOnlyList<string> CalledFrom => _calledFrom;

    private readonly List<string> _calledFrom = [];

    internal bool HasLocation => FileName is not null;

    internal void AddCaller(string location) => _calledFrom.Add(location);
}
