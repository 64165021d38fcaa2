using Greenhouse.Warehouse;

namespace Greenhouse.Access;

/// <summary>The outcome of checking a bearer token: the valid token's record, or why it was refused.</summary>
/// <param name="Problem">Why the token was refused (null when it is valid): missing, unknown, revoked or expired.</param>
public sealed record TokenCheck(AccessTokenRecord? Token, string? Problem)
{
    public bool Valid => Token is not null && Problem is null;

    public static TokenCheck Refused(string problem) => new(null, problem);
}
