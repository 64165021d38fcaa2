namespace Greenhouse.Warehouse;

/// <summary>
/// What one run of a check changes in its rows, all at <see cref="At"/>: <see cref="Added"/> rows are inserted,
/// <see cref="Seen"/> rows (by id) get their new JSON and <c>last_seen_at</c>, <see cref="Resolved"/> ids get <c>resolved_at</c>.
/// </summary>
public sealed record CheckRowChanges(DateTimeOffset At, IReadOnlyList<CheckRowRecord> Added, IReadOnlyList<CheckRowRecord> Seen, IReadOnlyList<long> Resolved)
{
    /// <summary>A run that changes no rows (a runtime error).</summary>
    public static CheckRowChanges None(DateTimeOffset at) => new(at, [], [], []);
}
