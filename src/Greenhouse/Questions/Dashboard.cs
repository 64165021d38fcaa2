namespace Greenhouse.Questions;

/// <summary>A dashboard (a row of <c>_gh_dashboards</c>): a name, its collection, and its cards' questions in order.</summary>
public sealed record Dashboard(long Id, string Name, string Collection, IReadOnlyList<SavedQuestion> Cards);
