using Greenhouse.Warehouse;

namespace Greenhouse.Access;

/// <summary>A token just made: the secret <paramref name="Token"/> (shown once, never stored) and what the warehouse keeps of it.</summary>
public sealed record IssuedToken(string Token, AccessTokenRecord Record);
