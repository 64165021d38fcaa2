using Greenhouse.Warehouse;

namespace Greenhouse.Checks;

/// <summary>A recorded run of a check: its outcome, and what it changed in the check's open rows.</summary>
/// <param name="Outcome">The outcome as stored (a key column missing from the result makes it a runtime error).</param>
/// <param name="NewRows">Keys failing that were not open before this run.</param>
/// <param name="ResolvedRows">Keys open before this run that it no longer found.</param>
/// <param name="OpenRows">The check's open rows after this run.</param>
public sealed record CheckResult(CheckOutcome Outcome, long Id, IReadOnlyList<CheckRowRecord> NewRows, int ResolvedRows, int OpenRows);
