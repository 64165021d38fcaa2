namespace Greenhouse.Sandbox.Oidc;

/// <summary>
/// A person the fake provider knows, offered as a button on its login page. <paramref name="EmailVerified"/> is the
/// <c>email_verified</c> claim it sends; null sends none (as Microsoft's v2.0 endpoint does).
/// </summary>
public sealed record OidcAccount(string Email, string Name, bool? EmailVerified = true);
