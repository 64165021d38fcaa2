namespace Greenhouse.Warehouse;

/// <summary>What applying a webhook event did; stored lowercase in <c>_gh_events.outcome</c> (except <see cref="Duplicate"/>).</summary>
public enum EventOutcome
{
    /// <summary>The object's row was inserted or updated.</summary>
    Applied,

    /// <summary>The stored row holds a newer snapshot; nothing was written.</summary>
    Stale,

    /// <summary>The stored row already holds this content (or a deletion names an id never landed); nothing was written.</summary>
    Unchanged,

    /// <summary>The object's row was soft-deleted.</summary>
    Deleted,

    /// <summary>The event maps to no stream: only the event itself was kept.</summary>
    Stored,

    /// <summary>This event id was received before: nothing changed.</summary>
    Duplicate,
}
