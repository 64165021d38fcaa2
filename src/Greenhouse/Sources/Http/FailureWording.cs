namespace Greenhouse.Sources.Http;

/// <summary>
/// A vendor's own words in a <see cref="FailureMessage"/>: its name (<paramref name="Vendor"/>: who rejects, throttles
/// or is unavailable), the credential as its variable describes it (<paramref name="Credential"/>: "the API key in
/// sources.stripe.api_key (${STRIPE_KEY})", never its value), and what to do after a 401, a 403 and a 404.
/// </summary>
/// <param name="Resource">What a 403 and a 404 name instead of the request (GitHub: "acme/app's issues").</param>
/// <param name="Missing">A 404's whole phrase instead of "… was not found" (Sentry: "Sentry has no organization 'acme' …").</param>
internal sealed record FailureWording(
    string Vendor,
    string Credential,
    string CredentialAdvice,
    string PermissionAdvice,
    string NotFoundAdvice,
    string? Resource = null,
    string? Missing = null);
