namespace Greenhouse.Sandbox;

/// <summary>
/// Faults the requests whose path (without the vendor prefix) starts with <paramref name="PathPrefix"/>:
/// counting only those requests from 1, number <paramref name="OnRequest"/> and the <paramref name="Times"/> − 1
/// after it (<see cref="int.MaxValue"/> = forever).
/// </summary>
public sealed record FaultRule(
    string PathPrefix,
    FaultKind Kind,
    int OnRequest = 1,
    int Times = 1,
    int StatusCode = 500,
    int? RetryAfterSeconds = null,
    TimeSpan? Delay = null);
