namespace Greenhouse.Notifications;

/// <summary>How hard a channel send tries before the failure is logged and dropped.</summary>
public sealed record NotificationOptions
{
    /// <summary>Attempts per message and channel, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first retry's delay; each later one doubles it (5xx, timeouts, refused connections).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a 429's <c>Retry-After</c> (or Telegram's <c>retry_after</c>) is waited; longer asks are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
