namespace Greenhouse.Transform.Templates;

/// <summary>
/// A template's text as Jinja lexes it (every newline as <c>\n</c>, one trailing newline dropped: dbt keeps
/// Jinja's default <c>keep_trailing_newline=False</c>) and the map from a position to its line and column.
/// </summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string source, string fileName)
    {
        FileName = fileName;
        var text = source.Contains('\r', StringComparison.Ordinal) ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : source;
        Text = text.EndsWith('\n') ? text[..^1] : text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string FileName { get; }

    public string Text { get; }

    public (int Line, int Column) Locate(int position)
    {
        var index = Array.BinarySearch(_lineStarts, position);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, position - _lineStarts[line] + 1);
    }

    public int LineOf(int position) => Locate(position).Line;

    public TemplateException Error(int position, string reason, Exception? inner = null)
    {
        var (line, column) = Locate(position);
        return new TemplateException(FileName, line, column, reason, inner);
    }

    public string Describe(int position)
    {
        var (line, column) = Locate(position);
        return $"{FileName}:{line}:{column}";
    }
}
