namespace Greenhouse.Sources.Rest;

/// <summary>How a REST stream finds its next page.</summary>
public enum RestPaginationType
{
    /// <summary>One request, one page.</summary>
    None,
    /// <summary>The body holds the next page's URL (<c>next</c>); null or missing ends the listing.</summary>
    NextUrl,
    /// <summary>The body holds a cursor, sent back in a query parameter; null, empty or missing ends the listing.</summary>
    Cursor,
    /// <summary>An RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header (with Sentry's <c>results="false"</c> meaning no next page).</summary>
    LinkHeader,
    /// <summary><c>offset</c>/<c>limit</c> query parameters; a short page ends the listing.</summary>
    Offset,
    /// <summary>A page-number query parameter (from 1) and an optional page-size parameter; a short page ends the listing.</summary>
    Page,
}
