namespace Greenhouse.Catalog;

/// <summary>What <c>check_results</c> answers: every check (failing ones first) and how to read them.</summary>
public sealed record CheckReport(IReadOnlyList<CheckState> Checks, string Note);
