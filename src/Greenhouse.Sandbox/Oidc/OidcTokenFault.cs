namespace Greenhouse.Sandbox.Oidc;

/// <summary>How the fake provider breaks the id_tokens its token endpoint issues, so a test can see a relying party reject them.</summary>
public enum OidcTokenFault
{
    None,

    /// <summary><c>aud</c> names another client.</summary>
    WrongAudience,

    /// <summary>The payload is changed after signing (another e-mail): the signature no longer verifies.</summary>
    Tampered,

    /// <summary><c>iss</c> is another provider's.</summary>
    WrongIssuer,

    /// <summary><c>exp</c> passed an hour ago.</summary>
    Expired,

    /// <summary><c>nonce</c> is not the one the authorization request sent.</summary>
    WrongNonce,
}
