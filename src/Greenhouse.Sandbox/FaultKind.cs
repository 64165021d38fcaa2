namespace Greenhouse.Sandbox;

/// <summary>What a <see cref="FaultRule"/> does to the requests it hits.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.StatusCode"/> and the vendor's error body.</summary>
    Status,

    /// <summary>Answer 429 with the vendor's rate-limit body, and Retry-After when <see cref="FaultRule.RetryAfterSeconds"/> is set.</summary>
    RateLimit,

    /// <summary>Wait <see cref="FaultRule.Delay"/>, then answer normally.</summary>
    Slow,

    /// <summary>Answer 200 with a truncated, invalid JSON body.</summary>
    MalformedJson,

    /// <summary>Abort the connection without sending a response.</summary>
    DropConnection,
}
