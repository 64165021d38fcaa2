using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>
/// A table laid out for the terminal's width: when it would be wider, its reductions apply in order (a column left out,
/// or shown in its compact form) until it fits, so a stream's name is never broken into pieces. Cells are markup.
/// </summary>
internal sealed class FittedTable
{
    /// <summary>What a flexible column counts as when the table is fitted: wider text wraps inside it.</summary>
    public const int FlexibleWidth = 12;

    private readonly List<Column> _columns = [];

    /// <param name="cells">One markup cell per row.</param>
    /// <param name="compact">The same cells, shorter (<c>full</c> for <c>full refresh</c>), for <see cref="Compact"/>.</param>
    /// <param name="whole">Never wrap this column's cells (a stream's name).</param>
    /// <param name="flexible">The cells may wrap (an error): the column counts as at most <see cref="FlexibleWidth"/> wide.</param>
    public FittedTable Add(string header, IEnumerable<string> cells, Justify align = Justify.Left, IEnumerable<string>? compact = null, bool whole = false, bool flexible = false)
    {
        _columns.Add(new Column(header, [.. cells], compact?.ToList(), align, whole) { Flexible = flexible });
        return this;
    }

    /// <summary>A reduction that leaves the column out.</summary>
    public static (string Column, bool Compact) Drop(string column) => (column, false);

    /// <summary>A reduction that shows the column's compact cells.</summary>
    public static (string Column, bool Compact) Compact(string column) => (column, true);

    public Table Build(int width, string? title, params (string Column, bool Compact)[] reductions)
    {
        foreach (var (name, compact) in reductions)
        {
            if (Width() <= width)
            {
                break;
            }

            if (_columns.FirstOrDefault(c => c.Header == name && !c.Dropped) is not { } column)
            {
                continue;
            }

            if (compact)
            {
                column.UseCompact = column.Compact is not null;
            }
            else
            {
                column.Dropped = true;
            }
        }

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        var shown = _columns.Where(c => !c.Dropped).ToList();
        foreach (var column in shown)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)) { Alignment = column.Align, NoWrap = column.Whole });
        }

        var rows = shown.Count == 0 ? 0 : shown[0].Cells.Count;
        for (var row = 0; row < rows; row++)
        {
            table.AddRow([.. shown.Select(c => c.Shown[row])]);
        }

        return table;
    }

    /// <summary>The rounded border's width: a bar, then per column its widest cell, a space either side and a bar.</summary>
    private int Width() => 1 + _columns.Where(c => !c.Dropped).Sum(c => c.Width + 3);

    private sealed class Column(string header, List<string> cells, List<string>? compact, Justify align, bool whole)
    {
        public string Header { get; } = header;

        public List<string> Cells { get; } = cells;

        public List<string>? Compact { get; } = compact;

        public Justify Align { get; } = align;

        public bool Whole { get; } = whole;

        public bool Dropped { get; set; }

        public bool UseCompact { get; set; }

        public bool Flexible { get; init; }

        public List<string> Shown => UseCompact ? Compact! : Cells;

        public int Width => Math.Min(Shown.Select(c => Markup.Remove(c).Length).Append(Header.Length).Max(), Flexible ? Math.Max(FlexibleWidth, Header.Length) : int.MaxValue);
    }
}
