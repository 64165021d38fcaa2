using System.Text.RegularExpressions;

namespace Greenhouse.Sources.Http;

/// <summary>
/// An RFC 8288 <c>Link</c> header, as GitHub and Sentry send it: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>,
/// with extra parameters such as Sentry's <c>results="true"</c> and <c>cursor="…"</c>.
/// </summary>
public sealed partial class LinkHeader
{
    private readonly List<(Uri Url, IReadOnlyDictionary<string, string> Parameters)> _links = [];

    [GeneratedRegex("""<(?<url>[^>]*)>(?<params>(?:\s*;\s*[^;,]+=(?:"[^"]*"|[^;,]*))*)""")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("""\s*;\s*(?<key>[^;=\s]+)\s*=\s*(?:"(?<value>[^"]*)"|(?<value>[^;,]*))""")]
    private static partial Regex ParameterPattern();

    public static LinkHeader Parse(IEnumerable<string>? values)
    {
        var header = new LinkHeader();
        foreach (var value in values ?? [])
        {
            foreach (Match link in LinkPattern().Matches(value))
            {
                if (!Uri.TryCreate(link.Groups["url"].Value, UriKind.Absolute, out var url))
                {
                    continue;
                }

                var parameters = ParameterPattern().Matches(link.Groups["params"].Value)
                    .ToDictionary(p => p.Groups["key"].Value.ToLowerInvariant(), p => p.Groups["value"].Value, StringComparer.Ordinal);
                header._links.Add((url, parameters));
            }
        }

        return header;
    }

    /// <summary>The <c>Link</c> headers of an answer (none: no links).</summary>
    public static LinkHeader Of(System.Net.Http.Headers.HttpResponseHeaders headers) =>
        Parse(headers.TryGetValues("Link", out var values) ? values : null);

    /// <summary>The URL with <c>rel="<paramref name="rel"/>"</c>, or null.</summary>
    public Uri? Rel(string rel) => Find(rel)?.Url;

    /// <summary>A parameter of the <paramref name="rel"/> link (e.g. Sentry's <c>results</c>), or null.</summary>
    public string? Parameter(string rel, string name) =>
        Find(rel) is { } link && link.Parameters.TryGetValue(name, out var value) ? value : null;

    private (Uri Url, IReadOnlyDictionary<string, string> Parameters)? Find(string rel)
    {
        foreach (var link in _links)
        {
            if (link.Parameters.TryGetValue("rel", out var value) && value.Split(' ').Contains(rel, StringComparer.OrdinalIgnoreCase))
            {
                return link;
            }
        }

        return null;
    }
}
