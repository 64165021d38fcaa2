using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenhouse.Config;

/// <summary>Durations as written in config: <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>3h</c>, <c>7d</c>, <c>2w</c>.</summary>
public static partial class Duration
{
    [GeneratedRegex(@"^\s*(\d+)\s*(ms|s|m|h|d|w)\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            value = default;
            return false;
        }

        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        value = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
        return true;
    }

    public static string Format(TimeSpan value) => value switch
    {
        { TotalDays: >= 1 } when value.TotalDays == Math.Floor(value.TotalDays) => $"{value.TotalDays:0}d",
        { TotalHours: >= 1 } when value.TotalHours == Math.Floor(value.TotalHours) => $"{value.TotalHours:0}h",
        { TotalMinutes: >= 1 } when value.TotalMinutes == Math.Floor(value.TotalMinutes) => $"{value.TotalMinutes:0}m",
        { TotalSeconds: >= 1 } when value.TotalSeconds == Math.Floor(value.TotalSeconds) => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds:0}ms",
    };
}
