using Greenhouse.Config;

namespace Greenhouse.Transform.Running;

/// <summary>How a transform run goes.</summary>
/// <param name="FullRefresh">Rebuild incremental models from scratch (<c>is_incremental()</c> is false for all).</param>
/// <param name="Threads">Nodes built at once; null: 4 on PostgreSQL. SQLite, with one writer, always builds one at a time.</param>
/// <param name="WhenRunning">What to do while a sync or another transform holds the warehouse's run lock.</param>
/// <param name="Trigger">What started the run, as <c>_gh_runs.trigger</c> records it (<c>cli</c>, <c>schedule</c>…).</param>
/// <param name="WarnError">A data test that would warn fails instead (<c>--warn-error</c>).</param>
public sealed record TransformRunOptions(
    bool FullRefresh = false,
    int? Threads = null,
    WhenRunning WhenRunning = WhenRunning.Fail,
    string Trigger = "cli",
    bool WarnError = false);
