using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// A <see cref="ChartPlan"/> drawn as SVG on the server (no script): a line, bars, a pie or one big number, each
/// point with a tooltip, and a text alternative for screen readers. Every label is HTML-escaped.
/// </summary>
public static class ChartSvg
{
    private const int Width = 720;
    private const int Height = 280;
    private const int Left = 60;
    private const int Right = 10;
    private const int Bottom = 30;
    private const int Top = 10;
    private const double Radius = 100;

    public static MarkupString Render(ChartPlan plan, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(columns);
        if (plan.Kind == ChartKind.None || plan.Points.Count == 0)
        {
            return new MarkupString("");
        }

        var description = plan.Kind == ChartKind.Number
            ? $"{columns[plan.Y]}: {Format(plan.Points[0].Value)}"
            : $"{plan.Kind.ToString().ToLowerInvariant()} chart of {columns[plan.Y]} by {columns[plan.X]}, {plan.Points.Count} points";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" data-chart=\"{plan.Kind.ToString().ToLowerInvariant()}\">")
            .Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(description)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(description)}</title>");
        var scale = new Scale(plan.Points.Min(p => p.Value), plan.Points.Max(p => p.Value));
        switch (plan.Kind)
        {
            case ChartKind.Number:
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" dominant-baseline=\"middle\" class=\"big-number\">{E(Format(plan.Points[0].Value))}</text>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2 + 56}\" text-anchor=\"middle\" class=\"axis\">{E(columns[plan.Y])}</text>");
                break;
            case ChartKind.Line:
                var coordinates = LineCoordinates(plan, scale).ToList();
                svg.Append("<polyline class=\"series\" fill=\"none\" points=\"").AppendJoin(' ', coordinates.Select(c => $"{N(c.X)},{N(c.Y)}")).Append("\"/>");
                foreach (var (x, y, label, value) in coordinates)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"3\"><title>{E(label)}: {E(Format(value))}</title></circle>");
                }

                Axes(svg, scale, plan.Points[0].Label, plan.Points[^1].Label);
                break;
            case ChartKind.Bar:
                var width = (Width - Left - Right) / (double)plan.Points.Count;
                for (var i = 0; i < plan.Points.Count; i++)
                {
                    var (label, value, _) = plan.Points[i];
                    var top = scale.Y(Math.Max(value, 0));
                    var bottom = scale.Y(Math.Min(value, 0));
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"bar\" x=\"{N(Left + i * width + width * 0.1)}\" y=\"{N(top)}\" width=\"{N(width * 0.8)}\" height=\"{N(Math.Max(bottom - top, 0.5))}\"><title>{E(label)}: {E(Format(value))}</title></rect>");
                    if (plan.Points.Count <= 24)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{N(Left + i * width + width / 2)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{E(Short(label))}</text>");
                    }
                }

                Axes(svg, scale, null, null);
                break;
            case ChartKind.Pie:
                var total = plan.Points.Sum(p => p.Value);
                var start = 0.0;
                for (var i = 0; i < plan.Points.Count; i++)
                {
                    var (label, value, _) = plan.Points[i];
                    var share = total > 0 ? value / total : 0;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<path class=\"slice slice-{i % 4}\" d=\"{Slice(start, start + share)}\"><title>{E(label)}: {E(Format(value))} ({share.ToString("P0", CultureInfo.InvariantCulture)})</title></path>");
                    var middle = (start + share / 2) * 2 * Math.PI;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text class=\"axis\" x=\"{N(Width / 2.0 + Math.Sin(middle) * (Radius + 25))}\" y=\"{N(Height / 2.0 - Math.Cos(middle) * (Radius + 25))}\" text-anchor=\"middle\">{E(Short(label))}</text>");
                    start += share;
                }

                break;
        }

        return new MarkupString(svg.Append("</svg></figure>").ToString());
    }

    private static IEnumerable<(double X, double Y, string Label, double Value)> LineCoordinates(ChartPlan plan, Scale scale)
    {
        var count = plan.Points.Count;
        var times = plan.Points.Select(p => p.Time).ToList();
        var timed = times.All(t => t is not null);
        var first = timed ? times.Min()!.Value.UtcTicks : 0;
        var span = timed ? Math.Max(times.Max()!.Value.UtcTicks - first, 1) : 1;
        for (var i = 0; i < count; i++)
        {
            var fraction = timed ? (times[i]!.Value.UtcTicks - first) / (double)span : count == 1 ? 0.5 : i / (double)(count - 1);
            yield return (Left + fraction * (Width - Left - Right), scale.Y(plan.Points[i].Value), plan.Points[i].Label, plan.Points[i].Value);
        }
    }

    private static void Axes(StringBuilder svg, Scale scale, string? firstLabel, string? lastLabel)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"axes\"><line x1=\"{Left}\" y1=\"{N(scale.Y(0))}\" x2=\"{Width - Right}\" y2=\"{N(scale.Y(0))}\" class=\"axis-line\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" class=\"axis-line\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{Top + 8}\" text-anchor=\"end\">{E(Format(scale.Max))}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{N(scale.Y(scale.Min))}\" text-anchor=\"end\">{E(Format(scale.Min))}</text>");
        if (firstLabel is not null && lastLabel is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left}\" y=\"{Height - 8}\">{E(Short(firstLabel))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{E(Short(lastLabel))}</text>");
        }

        svg.Append("</g>");
    }

    private static string Slice(double from, double to)
    {
        const double cx = Width / 2.0, cy = Height / 2.0;
        if (to - from >= 0.9999)
        {
            return $"M {N(cx)} {N(cy - Radius)} A {N(Radius)} {N(Radius)} 0 1 1 {N(cx - 0.01)} {N(cy - Radius)} Z";
        }

        var (x1, y1) = (cx + Radius * Math.Sin(from * 2 * Math.PI), cy - Radius * Math.Cos(from * 2 * Math.PI));
        var (x2, y2) = (cx + Radius * Math.Sin(to * 2 * Math.PI), cy - Radius * Math.Cos(to * 2 * Math.PI));
        return $"M {N(cx)} {N(cy)} L {N(x1)} {N(y1)} A {N(Radius)} {N(Radius)} 0 {(to - from > 0.5 ? 1 : 0)} 1 {N(x2)} {N(y2)} Z";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static string Short(string label) => label.Length > 14 ? label[..13] + "…" : label;

    /// <summary>The y axis: from the smaller of 0 and the least value to the greatest.</summary>
    private readonly record struct Scale(double Least, double Greatest)
    {
        public double Min => Math.Min(0, Least);

        public double Max => Math.Max(Greatest, Min + 1e-9);

        public double Y(double value) => Top + (Max - value) / (Max - Min) * (Height - Top - Bottom);
    }
}
