namespace Greenhouse.Warehouse;

/// <summary>How an <see cref="EventOutcome"/> is spelled in <c>_gh_events</c> and in webhook responses.</summary>
internal static class EventOutcomeText
{
    public static string Of(EventOutcome outcome) => outcome switch
    {
        EventOutcome.Applied => "applied",
        EventOutcome.Stale => "stale",
        EventOutcome.Unchanged => "unchanged",
        EventOutcome.Deleted => "deleted",
        EventOutcome.Stored => "stored",
        EventOutcome.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
