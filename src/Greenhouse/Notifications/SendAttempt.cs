namespace Greenhouse.Notifications;

/// <summary>How one attempt to post a message went: delivered, worth retrying (after <see cref="RetryAfter"/> if the channel said), and why not.</summary>
internal sealed record SendAttempt(bool Delivered, bool Retry, TimeSpan? RetryAfter, string Reason)
{
    public static SendAttempt Ok { get; } = new(true, false, null, "ok");

    public static SendAttempt Transient(string reason, TimeSpan? retryAfter = null) => new(false, true, retryAfter, reason);

    public static SendAttempt Permanent(string reason) => new(false, false, null, reason);
}
