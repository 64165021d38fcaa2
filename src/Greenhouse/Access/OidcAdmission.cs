namespace Greenhouse.Access;

/// <summary>What <see cref="OidcConfig.Admit"/> decided for an identity provider's answer: the e-mail and role it logs in with, or why not (said to the person).</summary>
public sealed record OidcAdmission(string? Email, string? Role, string? Problem)
{
    public static OidcAdmission Admitted(string email, string role) => new(email, role, null);

    public static OidcAdmission Refused(string problem) => new(null, null, problem);
}
