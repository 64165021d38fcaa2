namespace Greenhouse.Questions;

/// <summary>
/// A parameter of a saved question: <c>{{start_date}}</c> in its SQL, typed (<c>text</c>, <c>number</c> or
/// <c>date</c>), with the value used when none is given (null: the question needs one, unless every use of it is in
/// an optional <c>[[ … ]]</c> part). A dashboard's filter of the same name sets it on every card.
/// </summary>
public sealed record QuestionParameter(string Name, string Type, string? Default)
{
    public const string Text = "text";
    public const string Number = "number";
    public const string Date = "date";

    public static readonly IReadOnlyList<string> Types = [Text, Number, Date];

    /// <summary>What a value of the type looks like, for labels and errors.</summary>
    public string Example => Type switch
    {
        Number => "a number such as 100 or 2.5",
        Date => "a date such as 2026-01-31",
        _ => "any text",
    };
}
