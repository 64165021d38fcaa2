namespace Greenhouse.Questions;

/// <summary>
/// A saved question (a row of <c>_gh_questions</c>): a name, the collection (folder) it is filed in, its SQL and how
/// its result is drawn (<c>line</c>, <c>bar</c>, <c>pie</c>, <c>number</c>, <c>none</c>, or null: picked from the
/// result; the x and y columns, or null), and its parameters (<c>{{start_date}}</c>, <see cref="QuestionSql"/>). A
/// dashboard's card shows the question itself, so an edit shows everywhere.
/// </summary>
/// <param name="Id">0 for a question not saved yet.</param>
public sealed record SavedQuestion(long Id, string Name, string Collection, string Sql, string? Chart, string? X, string? Y, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    /// <summary>The parameters its SQL uses, with their types and defaults.</summary>
    public IReadOnlyList<QuestionParameter> Parameters { get; init; } = [];
}
