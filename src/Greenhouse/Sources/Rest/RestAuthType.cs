namespace Greenhouse.Sources.Rest;

/// <summary>How a REST source sends its credential.</summary>
public enum RestAuthType
{
    /// <summary>No credential (a public API).</summary>
    None,
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Bearer,
    /// <summary><c>Authorization: Basic base64(username:password)</c>.</summary>
    Basic,
    /// <summary>A named header: <c>&lt;name&gt;: &lt;prefix&gt;&lt;value&gt;</c> (e.g. <c>Authorization: Token …</c>).</summary>
    Header,
    /// <summary>A query parameter: <c>?&lt;name&gt;=&lt;value&gt;</c>.</summary>
    Query,
}
