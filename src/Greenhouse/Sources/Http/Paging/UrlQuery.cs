namespace Greenhouse.Sources.Http.Paging;

/// <summary>Reads and sets one query parameter of a URL, keeping the others as they are.</summary>
internal static class UrlQuery
{
    public static string? Get(Uri url, string name) =>
        Pairs(url).Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>A whole-number parameter, or <paramref name="fallback"/> when it is missing or not a number.</summary>
    public static long Number(Uri url, string name, long fallback) =>
        long.TryParse(Get(url, name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public static Uri With(Uri url, string name, string value) =>
        Build(url, [.. Pairs(url).Where(p => p.Key != name).Select(p => p.Raw), $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"]);

    public static Uri Without(Uri url, string name) =>
        Get(url, name) is null ? url : Build(url, [.. Pairs(url).Where(p => p.Key != name).Select(p => p.Raw)]);

    private static IEnumerable<(string Key, string Value, string Raw)> Pairs(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(raw =>
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? raw : raw[..equals];
            var value = equals < 0 ? "" : raw[(equals + 1)..];
            return (Unescape(key), Unescape(value), raw);
        });

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static Uri Build(Uri url, IEnumerable<string> pairs) =>
        new UriBuilder(url) { Query = string.Join('&', pairs) }.Uri;
}
