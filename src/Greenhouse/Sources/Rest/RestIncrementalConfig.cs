namespace Greenhouse.Sources.Rest;

/// <summary>
/// How a REST stream reads only what changed: the query parameter <paramref name="Param"/> carries the committed cursor
/// minus the lookback; the cursor is the largest <paramref name="CursorField"/> seen. <paramref name="EndParam"/>, if set,
/// carries the run's window end. <paramref name="FirstWindow"/>, if set, is how far back the first run and full refreshes
/// reach (without it they send no <paramref name="Param"/> and read everything).
/// </summary>
public sealed record RestIncrementalConfig(string Param, string CursorField, RestCursorFormat Format, string? EndParam = null, TimeSpan? FirstWindow = null);
