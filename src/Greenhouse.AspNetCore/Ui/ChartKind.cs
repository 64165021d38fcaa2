namespace Greenhouse.Serve.Ui;

/// <summary>How the explorer draws a result.</summary>
public enum ChartKind
{
    /// <summary>No chart: the table alone.</summary>
    None,

    /// <summary>A number per point in time, joined by a line.</summary>
    Line,

    /// <summary>A number per category, as bars.</summary>
    Bar,

    /// <summary>A few categories' shares of a whole.</summary>
    Pie,

    /// <summary>One row of one number, shown large.</summary>
    Number,
}
