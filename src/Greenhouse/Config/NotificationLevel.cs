namespace Greenhouse.Config;

/// <summary>What a notification is about; each channel picks the levels it receives.</summary>
public enum NotificationLevel
{
    /// <summary>A run or stream failed (and, later, recovered).</summary>
    Error,
    /// <summary>Something slipped without failing: a stream went stale, a value did not fit its column.</summary>
    Warn,
    /// <summary>A run succeeded.</summary>
    Success,
}
