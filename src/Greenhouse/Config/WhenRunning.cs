namespace Greenhouse.Config;

/// <summary>What a sync does when another run holds the warehouse's lock.</summary>
public enum WhenRunning
{
    /// <summary>Exit at once with an "already running" message.</summary>
    Fail,
    /// <summary>Queue: wait for the running sync to finish, then run.</summary>
    Wait,
}
