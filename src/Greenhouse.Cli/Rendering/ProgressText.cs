using System.Globalization;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Rendering;

/// <summary>
/// The words progress and summaries share (<c>unchanged</c>, <c>1 page</c>), counts that add up to the records read, and
/// a line cut to the terminal's width by leaving out its least telling parts rather than wrapping.
/// </summary>
internal static class ProgressText
{
    public static string Pages(int pages) => Plural(pages, "page");

    public static string Records(int records) => Plural(records, "record");

    public static string Streams(int done, int total, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"{done:N0} of {total:N0} stream{(total == 1 ? "" : "s")}{(failed > 0 ? $", {failed:N0} failed" : "")}");

    /// <summary>
    /// What happened to the records read: <c>29 new, 29 unchanged</c>, adding up to the records (a record read twice in
    /// the run, say listed and then seen again in the events, is <c>repeated</c>); <c>nothing read</c> for none.
    /// </summary>
    public static IReadOnlyList<string> Counts(int records, BatchCounts counts)
    {
        var repeated = records - counts.New - counts.Updated - counts.Unchanged;
        var parts = new List<string>();
        Add(parts, counts.New, "new");
        Add(parts, counts.Updated, "updated");
        Add(parts, counts.Unchanged, "unchanged");
        Add(parts, repeated, "repeated");
        Add(parts, counts.Deleted, "deleted");
        return parts.Count == 0 ? ["nothing read"] : parts;
    }

    /// <summary>A stream's progress: <c>stripe.customers: 3 pages · 241 records (90/s) · 200 new · 41 unchanged</c>.</summary>
    public static string Progress(StreamProgress progress, int width) => Fit(
        progress.Stream,
        [
            (Pages(progress.Pages), 2),
            (Records(progress.Records) + string.Create(CultureInfo.InvariantCulture, $" ({progress.RecordsPerSecond:N0}/s)"), 3),
            .. Counts(progress.Records, progress.Counts).Select(c => (c, 1)),
        ],
        width);

    /// <summary>A finished stream: <c>stripe.customers: 1 page · 58 records · 29 new · 29 unchanged</c>.</summary>
    public static string Finished(StreamRunResult result, int width) => Fit(
        result.Stream,
        [(Pages(result.Pages), 2), (Records(result.Records), 3), .. Counts(result.Records, result.Counts).Select(c => (c, 1))],
        width);

    /// <summary>
    /// <paramref name="head"/>, then as many <paramref name="parts"/> as fit in <paramref name="width"/>, in their order,
    /// leaving out the highest drop ranks first; a head too long for the width alone is cut with an ellipsis.
    /// </summary>
    public static string Fit(string head, IReadOnlyList<(string Text, int Drop)> parts, int width)
    {
        var kept = parts.ToList();
        string Line() => kept.Count == 0 ? head : $"{head}: {string.Join(" · ", kept.Select(p => p.Text))}";
        while (Line().Length > width && kept.Count > 0)
        {
            kept.Remove(kept.OrderByDescending(p => p.Drop).ThenByDescending(kept.IndexOf).First());
        }

        var line = Line();
        return line.Length <= width || width < 2 ? line : line[..(width - 1)] + "…";
    }

    private static void Add(List<string> parts, int count, string word)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {word}"));
        }
    }

    private static string Plural(int count, string word) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {word}{(count == 1 ? "" : "s")}");
}
