using System.Net;

namespace Greenhouse.Sources.Http;

/// <summary>
/// One redirect <see cref="VendorHttpClient"/> followed: the status (301/308 say the resource moved for good, 302/303/307
/// for this request only), where the request went and where the vendor sent it, and whether the credential went along
/// (only to the request's own host or the configured API host).
/// </summary>
public sealed record VendorRedirect(HttpStatusCode Status, Uri From, Uri To, bool WithCredential)
{
    /// <summary>301 Moved Permanently or 308 Permanent Redirect: the configured address is out of date.</summary>
    public bool IsPermanent => Status is HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect;
}
