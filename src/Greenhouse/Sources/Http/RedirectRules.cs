using System.Net;

namespace Greenhouse.Sources.Http;

/// <summary>
/// How <see cref="VendorHttpClient"/> follows a redirect, as Python's requests does (its <c>rebuild_method</c> and
/// <c>should_strip_auth</c>): 307 and 308 repeat the method and body; 303, and 301/302 after a POST, turn into a GET
/// without a body; the credential goes only to the same host (an http → https upgrade on the default ports included)
/// or to the configured API host, never to another host and never from https down to http.
/// </summary>
internal static class RedirectRules
{
    /// <summary>The most redirects one request follows (requests allows 30, curl 50; a vendor API needs one or two).</summary>
    public const int MaxHops = 5;

    /// <summary>Where <paramref name="answer"/> sends the request, or null when it is not a redirect to follow.</summary>
    public static Uri? Location(HttpResponseMessage answer, Uri from) =>
        answer.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        && answer.Headers.Location is { } location
        && new Uri(from, location) is { Scheme: "http" or "https" } target
            ? target
            : null;

    /// <summary>The method the next hop uses: a 303 (and a 301/302 after a POST) reads with GET; others repeat the method.</summary>
    public static HttpMethod Method(HttpStatusCode status, HttpMethod method) => status switch
    {
        HttpStatusCode.SeeOther when method != HttpMethod.Head => HttpMethod.Get,
        HttpStatusCode.Found or HttpStatusCode.MovedPermanently when method == HttpMethod.Post => HttpMethod.Get,
        _ => method,
    };

    /// <summary>Whether a request first sent to <paramref name="origin"/> may carry its credential to <paramref name="target"/>.</summary>
    public static bool KeepsCredential(Uri origin, Uri apiHost, Uri target) => SameHost(origin, target) || SameHost(apiHost, target);

    private static bool SameHost(Uri trusted, Uri target) =>
        string.Equals(trusted.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
        && (trusted.Scheme == target.Scheme && trusted.Port == target.Port
            || trusted is { Scheme: "http", Port: 80 } && target is { Scheme: "https", Port: 443 });
}
