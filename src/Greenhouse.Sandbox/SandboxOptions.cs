namespace Greenhouse.Sandbox;

/// <summary>
/// How to start a <see cref="SandboxServer"/>. <paramref name="Port"/> 0 picks any free port; the data is a pure
/// function of <paramref name="Seed"/>, <paramref name="Size"/> and the clock's current second.
/// <paramref name="Latency"/> is added (in real time) before every vendor request is answered, as a network would.
/// </summary>
public sealed record SandboxOptions(
    int Port = 0,
    int Seed = 42,
    SandboxSize Size = SandboxSize.Small,
    TimeProvider? Clock = null,
    bool EnforceRateLimits = true,
    TimeSpan Latency = default);
